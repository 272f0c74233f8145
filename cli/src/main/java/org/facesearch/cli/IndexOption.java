package org.facesearch.cli;

import java.nio.file.Path;
import org.facesearch.data.Workspace;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.lucene.IndexRoot;
import picocli.CommandLine.Option;

/** {@code --index DIR}: the index folder, by default the workspace's. */
final class IndexOption {
  @Option(
      names = "--index",
      paramLabel = "DIR",
      description = "Index folder (default: $FACESEARCH_HOME/index, else ~/.facesearch/index).")
  Path index;

  GalleryIndex root() {
    return new IndexRoot(
        index != null ? index : Workspace.fromEnvironment(System.getenv()).indexDir());
  }
}
