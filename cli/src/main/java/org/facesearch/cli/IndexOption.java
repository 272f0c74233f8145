package org.facesearch.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.facesearch.data.Workspace;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.solr.SolrAddress;
import org.facesearch.solr.SolrGallery;
import picocli.CommandLine.Option;

/**
 * {@code --index DIR}: the index folder, by default the workspace's; with {@code --solr} (or {@code
 * FACESEARCH_SOLR}) the gallery is on SolrCloud instead, and the folder keeps only enrolled photos.
 */
final class IndexOption {
  @Option(
      names = "--index",
      paramLabel = "DIR",
      description = "Index folder (default: $FACESEARCH_HOME/index, else ~/.facesearch/index).")
  Path index;

  @Option(
      names = "--solr",
      paramLabel = "ZKHOST",
      description =
          "Keep the gallery on SolrCloud: its ZooKeeper, host:port[,host:port...][/chroot]"
              + " (default: $FACESEARCH_SOLR; unset: the embedded index in --index).")
  String solr;

  @Option(
      names = "--solr-alias",
      paramLabel = "NAME",
      description =
          "The Solr alias queries use; builds are collections named after it (default:"
              + " facesearch).")
  String solrAlias = SolrGallery.DEFAULT_ALIAS;

  private GalleryIndex opened;

  /** The SolrCloud address given, if any. */
  Optional<SolrAddress> solrAddress() {
    String address = solr != null ? solr : System.getenv(SolrAddress.ENVIRONMENT);
    return address == null || address.isBlank()
        ? Optional.empty()
        : Optional.of(SolrAddress.parse(address));
  }

  GalleryIndex root() {
    if (opened == null) {
      Path dir = index != null ? index : Workspace.fromEnvironment(System.getenv()).indexDir();
      Optional<SolrAddress> address = solrAddress();
      opened =
          address.isPresent()
              ? SolrGallery.connect(address.get(), solrAlias, dir)
              : new IndexRoot(dir);
    }
    return opened;
  }
}
