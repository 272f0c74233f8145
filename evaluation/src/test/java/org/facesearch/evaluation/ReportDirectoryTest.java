package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportDirectoryTest {
  @TempDir Path workspace;

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> entries(Path folder) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theFolderAppearsComplete() throws IOException {
    Path target = workspace.resolve("reports/run-1");
    Path written =
        ReportDirectory.write(
            target,
            folder -> {
              // Nothing is visible under the target's name while the report is being written.
              assertFalse(Files.exists(target));
              write(folder.resolve("report.md"), "# report");
              write(folder.resolve("plot.png"), "png");
            });
    assertEquals(target.toAbsolutePath(), written);
    assertEquals(List.of("plot.png", "report.md"), entries(target));
    assertEquals(List.of("run-1"), entries(target.getParent()), "no temporary folder left");
  }

  @Test
  void anEarlierReportIsReplacedWhole() throws IOException {
    Path target = workspace.resolve("report");
    ReportDirectory.write(
        target,
        folder -> {
          write(folder.resolve("report.md"), "old");
          write(folder.resolve("old-only.png"), "old");
        });
    ReportDirectory.write(target, folder -> write(folder.resolve("report.md"), "new"));
    assertEquals(List.of("report.md"), entries(target));
    assertEquals("new", Files.readString(target.resolve("report.md")));
    assertEquals(List.of("report"), entries(workspace));
  }

  @Test
  void aFailureMidwayLeavesNothingBehind() throws IOException {
    Path target = workspace.resolve("report");
    ReportDirectory.write(target, folder -> write(folder.resolve("report.md"), "earlier"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ReportDirectory.write(
                    target,
                    folder -> {
                      write(folder.resolve("roc.png"), "half");
                      throw new IllegalStateException("plotting failed");
                    }));
    assertEquals("plotting failed", e.getMessage());
    assertEquals(
        "earlier",
        Files.readString(target.resolve("report.md")),
        "the earlier report still stands");
    assertEquals(List.of("report"), entries(workspace));
  }

  @Test
  void aFolderThatIsNotAReportIsNeverReplaced() throws IOException {
    Path target = Files.createDirectories(workspace.resolve("photos"));
    write(target.resolve("holiday.jpg"), "precious");
    ReportWriteException e =
        assertThrows(
            ReportWriteException.class,
            () -> ReportDirectory.write(target, folder -> write(folder.resolve("report.md"), "x")));
    assertTrue(
        e.getMessage().startsWith("will not replace " + target.toAbsolutePath()), e.getMessage());
    assertTrue(e.getMessage().endsWith("; change the report folder"), e.getMessage());
    assertEquals(List.of(EvaluationSetting.REPORT), e.settings());
    assertEquals(List.of("holiday.jpg"), entries(target));
    assertEquals(List.of("photos"), entries(workspace));
  }

  @Test
  void aFileInTheWayIsNamed() throws IOException {
    Path target = workspace.resolve("report");
    write(target, "a file");
    ReportWriteException e =
        assertThrows(
            ReportWriteException.class,
            () -> ReportDirectory.write(target, folder -> write(folder.resolve("report.md"), "x")));
    assertEquals(
        "cannot write the report to " + target.toAbsolutePath() + ": it is a file, not a folder",
        e.getMessage());
  }
}
