package org.facesearch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.facesearch.solr.CollectionLayout;
import org.facesearch.solr.SolrAddress;
import org.facesearch.solr.SolrGallery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch solr setup}: uploads the configset and the collection layout. */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = {
      "Upload facesearch's configset to SolrCloud, with the layout every build's collection gets.",
      "Then `facesearch index --solr ZKHOST` builds the first collection and points the alias at"
          + " it."
    })
final class SolrSetupCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin IndexOption index;

  @Option(names = "--shards", paramLabel = "N", description = "Shards per collection (default 1).")
  int shards = 1;

  @Option(
      names = "--replicas",
      paramLabel = "N",
      description = "Copies of each shard, on different nodes (default 1).")
  int replicas = 1;

  @Override
  public Integer call() {
    CollectionLayout layout = new CollectionLayout(shards, replicas);
    if (index.solrAddress().isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "solr setup needs the SolrCloud: --solr ZKHOST or " + SolrAddress.ENVIRONMENT);
    }
    SolrGallery solr = (SolrGallery) index.root();
    solr.setup(layout);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Uploaded configset %s to %s: collections get %d shard(s) x %d replica(s).%n"
            + "Next: facesearch index --solr %s%n",
        solr.configSet(), solr.address(), shards, replicas, solr.address());
    out.flush();
    return 0;
  }
}
