package org.facesearch.trainer.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.objective.Objectives;
import org.facesearch.trainer.run.RunPlan;
import org.facesearch.trainer.run.SmokeRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
  @TempDir static Path cache;
  @TempDir Path sweepDir;

  private static TrainConfig withMargin(float margin) {
    TrainConfig c =
        SmokeRuns.config(
            Objectives.TRIPLET, Architecture.RESNET18, Mining.RANDOM, PairSource.SAMPLED, 2, 3);
    return c.toBuilder().set(Settings.MARGIN, margin).build();
  }

  @Test
  void eachSettingIsTrainedOnceAndTabulated() throws Exception {
    RunPlan plan = SmokeRuns.plan(cache, sweepDir.resolve("unused"), false);
    Sweep.Report report = Sweep.run(List.of(withMargin(0.2f), withMargin(0.5f)), plan, sweepDir);

    assertEquals(2, report.rows().size());
    assertEquals(0.2f, report.rows().get(0).margin());
    assertEquals(0.5f, report.rows().get(1).margin());
    Path first = sweepDir.resolve("margin-0.2_temperature-1.0").resolve("model");
    assertEquals(
        0.2,
        ((Number) ModelBundle.open(first).metadata().training().hyperparameters().get("margin"))
            .doubleValue(),
        1e-6);
    List<String> csv = Files.readAllLines(sweepDir.resolve(Sweep.CSV));
    assertEquals(3, csv.size());
    assertTrue(csv.get(1).startsWith("0.2,1.0,"), csv.get(1));
    String md = Files.readString(sweepDir.resolve(Sweep.MARKDOWN));
    assertTrue(md.contains("| 0.5 | 1.0 |"), md);
    assertEquals(
        report.rows().get(1).modelId(),
        ModelBundle.open(sweepDir.resolve("margin-0.5_temperature-1.0").resolve("model"))
            .modelId());

    // Run again: finished settings are read back, not retrained.
    long before = Files.getLastModifiedTime(first.resolve(ModelBundle.WEIGHTS_FILE)).toMillis();
    Sweep.Report again = Sweep.run(List.of(withMargin(0.2f), withMargin(0.5f)), plan, sweepDir);
    assertEquals(report.rows().get(0).view1Accuracy(), again.rows().get(0).view1Accuracy());
    assertEquals(
        before, Files.getLastModifiedTime(first.resolve(ModelBundle.WEIGHTS_FILE)).toMillis());
  }
}
