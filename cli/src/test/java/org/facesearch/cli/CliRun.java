package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One {@code facesearch} run in a JVM of its own, as a user's shell would see it: its exit code and
 * what it printed (stdout and stderr together), less the JVM's own notice about the Vector API,
 * which is not facesearch's output.
 */
record CliRun(int exit, String output) {

  static CliRun of(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(CliJvm.command(List.of("-Xmx512m"), List.of(args)))
            .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "facesearch did not finish: " + output);
    String ours =
        output
            .lines()
            .filter(line -> !line.startsWith("WARNING: Using incubator modules"))
            .map(line -> line + "\n")
            .collect(Collectors.joining());
    return new CliRun(process.exitValue(), ours);
  }
}
