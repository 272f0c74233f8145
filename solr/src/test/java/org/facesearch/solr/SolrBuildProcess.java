package org.facesearch.solr;

import java.nio.file.Path;
import org.facesearch.data.cache.CropCache;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.testing.FailingEmbedder;
import org.facesearch.indexer.testing.TestModels;

/**
 * A SolrCloud build in its own JVM, for a test to kill: {@code SolrBuildProcess ZKHOST HOME
 * DATA_ROOT CACHE_DIR}. Embedding sleeps before each batch, so the build is surely in flight (its
 * collection created, partly filled) when the process dies.
 */
public final class SolrBuildProcess {
  private SolrBuildProcess() {}

  public static void main(String[] args) {
    FailingEmbedder slow = new FailingEmbedder(TestModels.pixels(), 0, 400);
    try (SolrGallery gallery =
        SolrGallery.connect(
            SolrAddress.parse(args[0]), SolrGallery.DEFAULT_ALIAS, Path.of(args[1]))) {
      new IndexBuilder(gallery, slow, new CropCache(Path.of(args[3])))
          .build(new BuildSettings(Path.of(args[2]), 1, HnswParams.DEFAULT, "pixels-32-grey"));
    }
  }
}
