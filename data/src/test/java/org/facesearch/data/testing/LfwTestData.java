package org.facesearch.data.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find the real LFW copy: {@code FACESEARCH_DATA}, else {@code ../shared/data/lfw}
 * beside the repository. A missing copy fails the test loudly rather than skipping it, so CI never
 * goes green without having looked at the data.
 */
public final class LfwTestData {
  private LfwTestData() {}

  public static Path root() {
    String env = System.getenv("FACESEARCH_DATA");
    Path candidate;
    if (env != null && !env.isBlank()) {
      candidate = Path.of(env);
    } else {
      String repo = System.getenv("FACESEARCH_TEST_REPO_ROOT");
      Path base = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
      candidate = base.resolve("../shared/data/lfw").normalize();
    }
    if (!Files.isDirectory(candidate.resolve("images"))) {
      throw new IllegalStateException(
          "LFW test data not found at "
              + candidate.toAbsolutePath()
              + " (set FACESEARCH_DATA to an LFW folder holding images/ and the protocol files)");
    }
    return candidate.toAbsolutePath();
  }
}
