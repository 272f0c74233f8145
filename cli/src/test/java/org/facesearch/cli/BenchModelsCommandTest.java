package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;

class BenchModelsCommandTest {
  private static final String SHIPPED_MODEL =
      Path.of("../models/default").toAbsolutePath().toString();

  /** The shipped model over a runtime x precision grid, on 4 photos, one round. */
  private static EvaluateCommandTest.Run grid(String runtimes, String precisions) {
    return EvaluateCommandTest.run(
        "bench",
        "models",
        "--models",
        SHIPPED_MODEL,
        "--runtimes",
        runtimes,
        "--precisions",
        precisions,
        "--images",
        "4",
        "--rounds",
        "1",
        "--data",
        LfwTestData.root().toString());
  }

  @Test
  void aGridMeasuresEveryCellThatCanRunAndNamesTheOnesThatCannot() {
    // The shipped model carries an int8 calibration, which runs on ONNX Runtime only: of the four
    // cells, PyTorch in int8 cannot run; the other three are measured in the same run.
    EvaluateCommandTest.Run run = grid("pytorch,onnxruntime", "fp32,int8");

    assertEquals(0, run.exit(), run.err());
    List<String> rows = run.out().lines().filter(l -> l.startsWith(SHIPPED_MODEL + " [")).toList();
    assertEquals(3, rows.size(), run.out());
    assertTrue(rows.get(0).startsWith(SHIPPED_MODEL + " [pytorch, fp32]"), rows.get(0));
    assertTrue(rows.get(1).startsWith(SHIPPED_MODEL + " [onnxruntime, fp32]"), rows.get(1));
    assertTrue(rows.get(2).startsWith(SHIPPED_MODEL + " [onnxruntime, int8]"), rows.get(2));
    assertTrue(run.err().contains("skipped " + SHIPPED_MODEL + " [pytorch, int8]: "), run.err());
    // Each measured row has a positive speed (its ratio to the first is printed last).
    for (String row : rows) {
      String[] fields = row.trim().split("\\s+");
      assertTrue(Double.parseDouble(fields[fields.length - 2]) > 0, row);
    }
  }

  @Test
  void aGridWhereNoCellCanRunIsOneClearError() {
    EvaluateCommandTest.Run run = grid("pytorch", "int8");

    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().contains("skipped " + SHIPPED_MODEL + " [pytorch, int8]: "), run.err());
    assertTrue(run.err().contains("facesearch: "), run.err());
    assertTrue(run.out().isEmpty(), run.out());
  }
}
