package org.facesearch.evaluation;

import java.nio.file.Path;
import org.facesearch.data.cache.CropCache;

/**
 * The crop cache the tests share, under the module's build folder: built on the first run, then
 * reused, as the command line reuses the workspace's.
 */
final class TestCrops {
  private TestCrops() {}

  static CropCache cache() {
    return new CropCache(Path.of("target", "test-crop-cache"));
  }
}
