package org.facesearch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code facesearch serve} in a JVM of its own on a free port, so that load comes from a separate
 * process and the server's memory is its own. Closing it stops the server as Ctrl-C would.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern ADDRESS = Pattern.compile("facesearch serving .* at (http://\\S+/)");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final Path log;
  private final URI url;

  private ServerProcess(Process process, Path log, URI url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  /**
   * Starts {@code facesearch serve --port 0 --index index} plus {@code serveArgs}, and waits until
   * it prints its address. Arguments that start with {@code -J} are options for the server's JVM
   * instead (as with javac and jshell): {@code -J-Xmx1g}.
   *
   * @throws IllegalStateException if it exits or stays silent; the message carries its output
   */
  static ServerProcess start(Path index, List<String> serveArgs) {
    List<String> jvmOptions = new ArrayList<>();
    List<String> args =
        new ArrayList<>(List.of("serve", "--port", "0", "--index", index.toString()));
    for (String arg : serveArgs) {
      if (arg.startsWith("-J")) {
        jvmOptions.add(arg.substring(2));
      } else {
        args.add(arg);
      }
    }
    List<String> command = CliJvm.command(jvmOptions, args);
    Path log;
    Process process;
    try {
      log = Files.createTempFile("facesearch-bench-server-", ".log");
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the server: " + e.getMessage(), e);
    }
    try {
      return new ServerProcess(process, log, awaitAddress(process, log));
    } catch (RuntimeException e) {
      process.destroyForcibly();
      deleteLog(log);
      throw e;
    }
  }

  private static URI awaitAddress(Process process, Path log) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String output = read(log);
      Matcher address = ADDRESS.matcher(output);
      if (address.find()) {
        return URI.create(address.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited with status "
                + process.exitValue()
                + " before serving:\n"
                + tail(output));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the server started", e);
      }
    }
    throw new IllegalStateException(
        "the server printed no address within "
            + START_TIMEOUT.toMinutes()
            + " min:\n"
            + tail(read(log)));
  }

  URI url() {
    return url;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      deleteLog(log);
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the server's output: " + e.getMessage(), e);
    }
  }

  private static String tail(String output) {
    return output.length() <= 4000 ? output : "..." + output.substring(output.length() - 4000);
  }

  private static void deleteLog(Path log) {
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // A stray log in the temp folder is not worth failing a finished benchmark for.
    }
  }
}
