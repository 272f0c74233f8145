package org.facesearch.indexer.testing;

import java.nio.file.Path;
import org.facesearch.data.cache.CropCache;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.lucene.IndexRoot;

/**
 * A build in its own JVM, for a test to kill: {@code BuildProcess INDEX_ROOT DATA_ROOT CACHE_DIR}.
 * Embedding sleeps before each batch, so the build is surely in flight when the process dies.
 */
public final class BuildProcess {
  private BuildProcess() {}

  public static void main(String[] args) {
    FailingEmbedder slow = new FailingEmbedder(TestModels.pixels(), 0, 300);
    new IndexBuilder(new IndexRoot(Path.of(args[0])), slow, new CropCache(Path.of(args[2])))
        .build(new BuildSettings(Path.of(args[1]), 1, HnswParams.DEFAULT, "pixels-32-grey"));
  }
}
