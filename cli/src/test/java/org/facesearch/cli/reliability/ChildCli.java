package org.facesearch.cli.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.facesearch.cli.CliJvm;

/** {@code facesearch} in a JVM of its own, for tests that kill it or limit what it may write. */
final class ChildCli {
  private ChildCli() {}

  /**
   * Starts {@code facesearch args} with its output in {@code log}, after {@code prefix} (a command
   * that ends by running its arguments, e.g. a shell that sets a limit) and with {@code env}
   * edited.
   */
  static Process start(
      List<String> prefix, Consumer<Map<String, String>> env, Path log, String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(CliJvm.command(List.of("-Xmx1g"), List.of(args)));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    env.accept(builder.environment());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Process start(Path log, String... args) {
    return start(List.of(), env -> {}, log, args);
  }

  static String output(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
