package org.facesearch.data.assets;

import java.nio.file.Path;

/**
 * The asset store tests load pretrained model files from: {@code target/test-assets} at the
 * repository root, shared by every module's tests, so a clone fetches each pack once (with npm,
 * exactly as a user's first use does) and a clean build fetches again.
 */
public final class TestAssets {
  private TestAssets() {}

  public static Path root() {
    String repo = System.getenv("FACESEARCH_TEST_REPO_ROOT");
    Path base = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
    return base.resolve("target").resolve("test-assets").toAbsolutePath().normalize();
  }

  public static AssetStore store() {
    return new AssetStore(root());
  }
}
