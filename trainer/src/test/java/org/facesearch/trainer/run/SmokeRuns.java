package org.facesearch.trainer.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.Setting;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.objective.Objectives;
import org.facesearch.trainer.objective.TrainingObjective;

/** Tiny real-LFW runs for tests: a handful of peopleDevTrain people, a few steps, small batches. */
public final class SmokeRuns {
  /** peopleDevTrain people with 4-8 images each: enough for P x K batches, cheap to crop. */
  public static final List<String> PEOPLE =
      List.of(
          "Aaron_Peirsol",
          "Abdoulaye_Wade",
          "Abel_Pacheco",
          "Adam_Sandler",
          "Ahmed_Chalabi",
          "Ai_Sugiyama",
          "Al_Gore",
          "Al_Sharpton",
          "Alastair_Campbell",
          "Alec_Baldwin");

  /** First 10 matched and 10 mismatched pairs of each protocol file. */
  public static final int PROTOCOL_PAIRS = 20;

  private SmokeRuns() {}

  public static TrainConfig config(
      TrainingObjective objective,
      Architecture architecture,
      Mining mining,
      PairSource pairs,
      long iterations,
      int batch) {
    TrainConfig.Builder b = builder(objective, iterations, batch).architecture(architecture);
    List<Setting<?>> has = objective.settings();
    if (has.contains(Settings.MINING)) {
      b.set(Settings.MINING, mining);
    }
    if (has.contains(Settings.PAIRS)) {
      b.set(Settings.PAIRS, pairs);
    }
    if (has.contains(Settings.MARGIN)
        && objective.bundleObjective() != org.facesearch.model.bundle.Objective.MARGIN_SOFTMAX) {
      b.set(Settings.MARGIN, 0.2f);
    }
    if (has.contains(Settings.TEMPERATURE)) {
      b.set(Settings.TEMPERATURE, objective == Objectives.NT_XENT ? 0.5f : 1f);
    }
    return b.build();
  }

  /** The smoke runs' common settings: few steps, small batches, constant Adam 1e-3, seed 7. */
  public static TrainConfig.Builder builder(
      TrainingObjective objective, long iterations, int batch) {
    TrainConfig.Builder b =
        TrainConfig.builder(objective)
            .iterations(iterations)
            .batch(batch)
            .augment(false)
            .learningRate(1e-3f)
            .cosineDecay(false)
            .weightDecay(1e-5f)
            .seed(7)
            .validateEvery(2)
            .validationFraction(0.2)
            .validationPairs(20)
            .protocolPairLimit(PROTOCOL_PAIRS);
    if (objective.settings().contains(Settings.IMAGES_PER_PERSON)) {
      b.set(Settings.IMAGES_PER_PERSON, 2);
    }
    return b;
  }

  public static RunPlan plan(Path cacheDir, Path runDir, boolean resume) {
    return plan(cacheDir, runDir, resume, new PrintStream(PrintStream.nullOutputStream()));
  }

  /** The same plan, logging to {@code log}. */
  public static RunPlan plan(Path cacheDir, Path runDir, boolean resume, PrintStream log) {
    return new RunPlan(
        LfwTestData.root(),
        cacheDir,
        Optional.of(PEOPLE),
        runDir,
        runDir.resolve("model"),
        resume,
        new EngineOptions(Optional.empty(), DeviceChoice.CPU),
        Optional.empty(),
        "test",
        log);
  }
}
