package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.facesearch.bench.VectorBenchmark;
import org.facesearch.data.DataLocation;
import org.facesearch.data.DataNotFoundException;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.evaluation.ReportDirectory;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexNotFoundException;
import org.facesearch.indexer.InvalidIndexException;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.searcher.ModelSource;
import org.facesearch.solr.CollectionLayout;
import org.facesearch.solr.SolrAddress;
import org.facesearch.solr.SolrGallery;
import org.facesearch.solr.SolrNotSetUpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ErrorReporterTest {

  /** What Smile did on a machine without libopenblas-dev: an Error, which Picocli lets through. */
  @Command(name = "broken")
  static final class Broken implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new ExceptionInInitializerError(
          new IllegalArgumentException("Cannot open library: libopenblas.so"));
    }
  }

  @Test
  void anErrorInACommandIsOneSentenceAndExitCode1NotAStackTrace() {
    CommandLine cli = new CommandLine(new Broken());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setExecutionStrategy(ErrorReporter.catchingErrors());
    cli.setExitCodeExceptionMapper(new ExitCodes());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute();

    assertEquals(ExitCodes.ERROR, exit);
    String[] lines = err.toString().strip().split("\n");
    assertEquals(1, lines.length, err.toString());
    assertTrue(
        lines[0].startsWith(
            "facesearch: a native library failed to load (Cannot open library: libopenblas.so)"),
        lines[0]);
    assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
  }

  @Test
  void otherErrorsSayWhatToDo() {
    assertTrue(
        ErrorReporter.describe(new OutOfMemoryError("Java heap space"))
            .contains("FACESEARCH_JAVA_OPTS=-Xmx"));
    String internal = ErrorReporter.describe(new StackOverflowError());
    assertTrue(internal.startsWith("internal error (StackOverflowError"), internal);
    assertTrue(internal.contains("FACESEARCH_DEBUG=1"), internal);
  }

  // The library names its settings in domain words; the command line's sentence names the flags.

  @Test
  void aLibraryMessageNamesTheFlagThatFixesIt(@TempDir Path temp) throws IOException {
    RuntimeException threads =
        assertThrows(RuntimeException.class, () -> new VectorBenchmark(HnswParams.DEFAULT, 0));
    assertEquals("--threads must be at least 1, got 0", ErrorReporter.describe(threads));

    RuntimeException shards =
        assertThrows(RuntimeException.class, () -> new CollectionLayout(2000, 1));
    assertEquals("--shards must be in 1..1024, got 2000", ErrorReporter.describe(shards));

    Path photos = Files.createDirectories(temp.resolve("photos"));
    Files.writeString(photos.resolve("holiday.jpg"), "precious");
    RuntimeException report =
        assertThrows(RuntimeException.class, () -> ReportDirectory.write(photos, folder -> {}));
    assertTrue(
        ErrorReporter.describe(report).endsWith(", so not an earlier report; change --report"),
        ErrorReporter.describe(report));

    RuntimeException model =
        assertThrows(
            RuntimeException.class,
            () -> ModelSource.resolve(null, new IndexRoot(temp.resolve("no-index"))));
    assertTrue(
        ErrorReporter.describe(model)
            .endsWith(
                ": name one with --model: a model bundle folder or pixels-32-grey (the"
                    + " raw-pixel baseline)"),
        ErrorReporter.describe(model));
  }

  @Test
  void anIndexFailureSaysWhatIsWrongAndTheCommandLineAddsTheCommandThatFixesIt(@TempDir Path temp)
      throws IOException {
    IndexRoot none = new IndexRoot(temp.resolve("none"));
    IndexNotFoundException notBuilt =
        assertThrows(IndexNotFoundException.class, none::requireCurrent);
    assertEquals(
        "no index at " + none.dir() + ": nothing has been built there yet", notBuilt.getMessage());
    assertEquals(
        notBuilt.getMessage() + "; run `facesearch index` to build one",
        ErrorReporter.describe(notBuilt));

    Path lost = Files.createDirectories(temp.resolve("lost"));
    Files.writeString(lost.resolve("CURRENT"), "20261130-120000-000");
    InvalidIndexException damaged =
        assertThrows(InvalidIndexException.class, () -> new IndexRoot(lost).current());
    assertTrue(
        damaged.getMessage().endsWith(", so the index has no serving build"), damaged.getMessage());
    assertFalse(damaged.getMessage().contains("facesearch "), damaged.getMessage());
    assertEquals(
        damaged.getMessage() + "; run `facesearch index` to build a new one",
        ErrorReporter.describe(damaged));
  }

  @Test
  void missingLfwSaysWhereItLookedAndTheCommandLineAddsTheFetchCommand(@TempDir Path temp)
      throws IOException {
    Workspace workspace = new Workspace(temp.resolve("home"));
    Path typo = temp.resolve("lfw-typo");
    DataNotFoundException notThere =
        assertThrows(
            DataNotFoundException.class, () -> DataLocation.resolve(typo, Map.of(), workspace));
    assertEquals(
        "LFW data not found: tried "
            + typo
            + " from --data, which does not exist. Run `facesearch data fetch` to download LFW"
            + " into "
            + workspace.dataDir()
            + ", or point --data or FACESEARCH_DATA at an LFW folder.",
        ErrorReporter.describe(notThere));

    Path empty = Files.createDirectories(temp.resolve("empty/images"));
    DataNotFoundException noPhotos =
        assertThrows(DataNotFoundException.class, () -> LfwDataset.open(empty.getParent()));
    assertEquals(
        noPhotos.getMessage() + ". Run `facesearch data fetch` to download LFW.",
        ErrorReporter.describe(noPhotos));

    LfwDataset sample = LfwDataset.open(LfwTestData.root());
    DataNotFoundException noPairs =
        assertThrows(DataNotFoundException.class, () -> sample.protocolFile("pairs_gone.txt"));
    assertEquals(
        "LFW protocol file pairs_gone.txt not found in "
            + LfwTestData.root()
            + ". Run `facesearch data fetch` to download LFW with its protocol files.",
        ErrorReporter.describe(noPairs));
  }

  @Test
  void aSolrCloudNotSetUpGetsTheSetupCommandForTheSameAddressAndAlias() {
    SolrAddress address = SolrAddress.parse("zk1:2181/solr");
    SolrNotSetUpException plain =
        new SolrNotSetUpException(
            address,
            SolrGallery.DEFAULT_ALIAS,
            "SolrCloud zk1:2181/solr has no facesearch configset yet; set it up first");
    assertEquals(
        plain.getMessage() + ": `facesearch solr setup` with --solr zk1:2181/solr",
        ErrorReporter.describe(plain));
    SolrNotSetUpException named =
        new SolrNotSetUpException(
            address,
            "faces2",
            "SolrCloud zk1:2181/solr has no faces2 configset yet; set it up first");
    assertEquals(
        named.getMessage()
            + ": `facesearch solr setup` with --solr zk1:2181/solr and --solr-alias faces2",
        ErrorReporter.describe(named));
  }

  @Test
  void aWrapperQuotingALibraryMessageGetsTheFlagsToo(@TempDir Path temp) throws IOException {
    Path photos = Files.createDirectories(temp.resolve("photos"));
    Files.writeString(photos.resolve("holiday.jpg"), "precious");
    RuntimeException report =
        assertThrows(RuntimeException.class, () -> ReportDirectory.write(photos, folder -> {}));
    UncheckedIOException wrapped =
        new UncheckedIOException(
            "cannot evaluate: " + report.getMessage(), new IOException(report));

    String line = ErrorReporter.describe(wrapped);

    assertTrue(line.startsWith("cannot evaluate: will not replace " + photos), line);
    assertTrue(line.endsWith("; change --report"), line);
  }
}
