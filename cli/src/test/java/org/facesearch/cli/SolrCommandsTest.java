package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;

/** The SolrCloud options' failures, as a user sees them from a {@code facesearch} process. */
class SolrCommandsTest {
  private record Run(int exit, String output) {}

  private static Run run(String... args) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(CliJvm.command(List.of("-Xmx512m"), List.of(args)))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    // The JVM's own notice about the Vector API is not facesearch's output.
    String ours =
        output
            .lines()
            .filter(line -> !line.startsWith("WARNING: Using incubator modules"))
            .reduce("", (a, b) -> a + b + "\n");
    return new Run(process.exitValue(), ours);
  }

  @Test
  void anUnreachableZooKeeperIsOneSentenceNamingItAndNoStackTrace() throws Exception {
    Path photo = LfwTestData.root().resolve("images/Tony_Blair/Tony_Blair_0010.jpg");
    Run run =
        run("query", "--solr", "127.0.0.1:9/solr", "--model", "pixels-32-grey", photo.toString());
    assertEquals(1, run.exit(), run.output());
    assertEquals(1, run.output().lines().count(), run.output());
    assertTrue(
        run.output()
            .startsWith("facesearch: cannot reach SolrCloud's ZooKeeper at 127.0.0.1:9/solr"),
        run.output());
    assertFalse(run.output().contains("Exception"), run.output());
  }

  @Test
  void aMalformedAddressIsRefusedBeforeAnythingIsTried() throws Exception {
    Run run = run("solr", "setup", "--solr", "http://localhost:8983/solr");
    assertEquals(1, run.exit(), run.output());
    assertTrue(
        run.output().contains("'http://localhost:8983/solr' is not a SolrCloud ZooKeeper address"),
        run.output());
    assertEquals(1, run.output().lines().count(), run.output());
  }
}
