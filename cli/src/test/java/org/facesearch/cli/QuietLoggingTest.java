package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;

/**
 * A real command in a JVM of its own (logging is set up once per JVM), with the shipped model, so
 * that DJL starts PyTorch and probes for a GPU as it does for a user.
 */
class QuietLoggingTest {
  private static final Path SHIPPED_MODEL = Path.of("../models/default").toAbsolutePath();

  private record Output(int exit, List<String> lines) {}

  private static Output verify(String... extra) throws IOException, InterruptedException {
    Path lfw = LfwTestData.root().resolve("images");
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                lfw.resolve("Serena_Williams/Serena_Williams_0005.jpg").toString(),
                lfw.resolve("Hugo_Chavez/Hugo_Chavez_0001.jpg").toString(),
                "--model",
                SHIPPED_MODEL.toString()));
    args.addAll(List.of(extra));
    ProcessBuilder builder =
        new ProcessBuilder(CliJvm.command(List.of("-Xmx1g"), args)).redirectErrorStream(true);
    builder.environment().remove(Logging.ENVIRONMENT_VARIABLE);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Output(process.waitFor(), output.lines().toList());
  }

  @Test
  void aCommandPrintsItsAnswerWithoutTheLibrariesLogLines()
      throws IOException, InterruptedException {
    Output quiet = verify();
    assertEquals(0, quiet.exit(), String.join("\n", quiet.lines()));
    for (String line : quiet.lines()) {
      assertFalse(line.startsWith("[main] INFO"), "log line: " + line);
      assertFalse(line.contains("WARN ai.djl"), "log line: " + line);
      // libtorch's own once-per-process deprecation warning, written to fd 2 by native code.
      assertFalse(line.contains("LegacyTypeDispatch"), "libtorch's warning: " + line);
    }
    // What is left: the answer, and the JVM's own notice that Lucene's vector module is in use.
    assertEquals(
        List.of(),
        quiet.lines().stream()
            .filter(l -> !l.startsWith("same person") && !l.startsWith("different people"))
            .filter(l -> !l.equals("WARNING: Using incubator modules: jdk.incubator.vector"))
            .toList());
    assertTrue(
        quiet.lines().stream()
            .anyMatch(l -> l.startsWith("same person") || l.startsWith("different people")),
        String.join("\n", quiet.lines()));
  }

  @Test
  void verboseShowsThem() throws IOException, InterruptedException {
    Output verbose = verify("--verbose");
    assertEquals(0, verbose.exit(), String.join("\n", verbose.lines()));
    assertTrue(
        verbose.lines().stream().anyMatch(l -> l.startsWith("[main] INFO ai.djl")),
        String.join("\n", verbose.lines()));
  }
}
