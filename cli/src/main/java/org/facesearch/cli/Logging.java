package org.facesearch.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How much the libraries (DJL, Lucene, Smile, Javalin) log: warnings only by default, everything
 * from debug up with {@code --verbose} or {@code FACESEARCH_LOG=debug}. slf4j-simple reads its
 * level once, when the first logger is made, and system properties win over its properties file; so
 * this runs before any command starts work.
 */
final class Logging {
  static final String ENVIRONMENT_VARIABLE = "FACESEARCH_LOG";
  private static final Set<String> LEVELS =
      Set.of("trace", "debug", "info", "warn", "error", "off");

  private Logging() {}

  /** Applies {@code FACESEARCH_LOG} if set; an unknown level is ignored (no reason to fail). */
  static void fromEnvironment(Map<String, String> env) {
    String level = env.get(ENVIRONMENT_VARIABLE);
    if (level != null && LEVELS.contains(level.strip().toLowerCase(Locale.ROOT))) {
      apply(level.strip().toLowerCase(Locale.ROOT));
    } else {
      julLevel(Level.WARNING);
    }
  }

  /** {@code --verbose}: libraries log from debug up, the CUDA probe included. */
  static void verbose() {
    apply("debug");
  }

  private static void apply(String level) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    // The properties file silences these two loggers by name; a name beats the default level.
    System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", level);
    System.setProperty("org.slf4j.simpleLogger.log.smile", level);
    julLevel(
        switch (level) {
          case "trace" -> Level.FINEST;
          case "debug" -> Level.FINE;
          case "info" -> Level.INFO;
          case "error" -> Level.SEVERE;
          case "off" -> Level.OFF;
          default -> Level.WARNING;
        });
  }

  /** Lucene (its vectorisation notice) logs through java.util.logging. */
  private static void julLevel(Level level) {
    Logger root = Logger.getLogger("");
    root.setLevel(level);
    for (var handler : root.getHandlers()) {
      handler.setLevel(level);
    }
  }
}
