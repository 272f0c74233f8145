package org.facesearch.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The user's facesearch folder: downloaded data, preprocessed caches, indexes and models. It is
 * {@code $FACESEARCH_HOME}, else {@code ~/.facesearch}, so several checkouts share one download.
 */
public record Workspace(Path home) {
  public static final String HOME_VARIABLE = "FACESEARCH_HOME";

  public Workspace {
    Objects.requireNonNull(home, "home");
    home = home.toAbsolutePath().normalize();
  }

  /** The workspace named by {@code FACESEARCH_HOME} in {@code env}, else {@code ~/.facesearch}. */
  public static Workspace fromEnvironment(Map<String, String> env) {
    String configured = env.get(HOME_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return new Workspace(Path.of(configured));
    }
    return new Workspace(Path.of(System.getProperty("user.home"), ".facesearch"));
  }

  /** Where {@code facesearch data fetch} puts LFW: {@code home/data/lfw}. */
  public Path dataDir() {
    return home.resolve("data").resolve("lfw");
  }

  /** Preprocessed crops; safe to delete, they are rebuilt on demand. */
  public Path cacheDir() {
    return home.resolve("cache");
  }

  public Path indexDir() {
    return home.resolve("index");
  }

  public Path modelsDir() {
    return home.resolve("models");
  }
}
