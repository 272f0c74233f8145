package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;

/** The SolrCloud options' failures, as a user sees them from a {@code facesearch} process. */
class SolrCommandsTest {
  private static CliRun run(String... args) throws IOException, InterruptedException {
    return CliRun.of(Map.of(), args);
  }

  @Test
  void anUnreachableZooKeeperIsOneSentenceNamingItAndNoStackTrace() throws Exception {
    Path photo = LfwTestData.root().resolve("images/Tony_Blair/Tony_Blair_0010.jpg");
    CliRun run =
        run("query", "--solr", "127.0.0.1:9/solr", "--model", "pixels-32-grey", photo.toString());
    assertEquals(1, run.exit(), run.output());
    assertEquals(1, run.output().lines().count(), run.output());
    assertTrue(
        run.output()
            .startsWith("facesearch: cannot reach SolrCloud's ZooKeeper at 127.0.0.1:9/solr"),
        run.output());
    assertTrue(
        run.output()
            .strip()
            .endsWith(
                "; check --solr or FACESEARCH_SOLR, and that SolrCloud is running"
                    + " (`facesearch solr local` starts one here)"),
        run.output());
    assertFalse(run.output().contains("Exception"), run.output());
  }

  @Test
  void aMalformedAddressIsRefusedBeforeAnythingIsTried() throws Exception {
    CliRun run = run("solr", "setup", "--solr", "http://localhost:8983/solr");
    assertEquals(1, run.exit(), run.output());
    assertTrue(
        run.output().contains("'http://localhost:8983/solr' is not a SolrCloud ZooKeeper address"),
        run.output());
    assertEquals(1, run.output().lines().count(), run.output());
  }
}
