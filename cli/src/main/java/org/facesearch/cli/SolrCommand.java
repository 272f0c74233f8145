package org.facesearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code facesearch solr ...}: the gallery on SolrCloud. */
@Command(
    name = "solr",
    mixinStandardHelpOptions = true,
    description =
        "Keep the gallery on SolrCloud (then pass --solr to index, reindex, query, serve, enroll).",
    subcommands = {SolrSetupCommand.class, SolrLocalCommand.class})
public final class SolrCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
