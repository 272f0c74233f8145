package org.facesearch.trainer.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.TrainConfig;

/** Tiny real-LFW runs for tests: a handful of peopleDevTrain people, a few steps, small batches. */
public final class SmokeRuns {
  /** peopleDevTrain people with 4-8 images each: enough for P x K batches, cheap to crop. */
  public static final List<String> PEOPLE =
      List.of(
          "Aaron_Peirsol", "Abdoulaye_Wade", "Abel_Pacheco", "Adam_Sandler", "Ahmed_Chalabi",
          "Ai_Sugiyama", "Al_Gore", "Al_Sharpton", "Alastair_Campbell", "Alec_Baldwin");

  /** First 10 matched and 10 mismatched pairs of each protocol file. */
  public static final int PROTOCOL_PAIRS = 20;

  private SmokeRuns() {}

  public static TrainConfig config(Objective objective, Architecture architecture, Mining mining, PairSource pairs, long iterations, int batch) {
    return new TrainConfig(
        objective, architecture, mining, pairs, iterations, 0, batch, 2, false, 0.2f, objective == Objective.NT_XENT ? 0.5f : 1f,
        1e-3f, false, 1e-5f, 7, 2, 0.2, 20, PROTOCOL_PAIRS);
  }

  public static RunPlan plan(Path cacheDir, Path runDir, boolean resume) {
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
        new PrintStream(PrintStream.nullOutputStream()));
  }
}
