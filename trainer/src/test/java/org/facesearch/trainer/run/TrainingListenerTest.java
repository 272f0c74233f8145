package org.facesearch.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.model.arch.Architecture;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.objective.Objectives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop publishes a run's events in order, and the built-in listeners do their jobs. */
class TrainingListenerTest {
  @TempDir static Path cache;
  @TempDir Path runDir;

  /** Writes down every event it gets. */
  private static final class Recorder implements TrainingListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void onTrainingBegin(RunContext run) {
      events.add("begin " + run.startStep() + "/" + run.total());
    }

    @Override
    public void onStep(RunContext run, StepReport step) {
      assertTrue(Float.isFinite(step.loss()) && step.imagesPerSecond() > 0, step.toString());
      events.add("step " + step.step());
    }

    @Override
    public void onValidation(RunContext run, CurvePoint point) {
      assertEquals(point, run.history().getLast());
      events.add("validation " + point.step());
    }

    @Override
    public void onCheckpoint(RunContext run, long step, double seconds) {
      // The checkpoint listener comes first, so the checkpoint is already on disk.
      assertTrue(
          Files.isDirectory(run.plan().runDir().resolve(String.format("checkpoint-%09d", step))));
      events.add("checkpoint " + step);
    }

    @Override
    public void onStepsEnd(RunContext run) {
      events.add("steps end");
    }

    @Override
    public void onTrainingEnd(RunContext run, RunSummary summary) {
      // The bundle writer comes first, so the bundle is already written.
      assertTrue(Files.isDirectory(run.plan().out()));
      events.add("end " + summary.steps());
    }
  }

  @Test
  void eventsArriveInTheOrderTheRunMakesThem() throws Exception {
    TrainConfig config =
        SmokeRuns.config(
            Objectives.TRIPLET, Architecture.RESNET18, Mining.RANDOM, PairSource.SAMPLED, 3, 3);
    Recorder recorder = new Recorder();
    TrainingResult result =
        TrainingRun.run(config, SmokeRuns.plan(cache, runDir, false), List.of(recorder));

    assertEquals(
        List.of(
            "begin 0/3",
            "step 1",
            "step 2",
            "validation 2",
            "checkpoint 2",
            "step 3",
            "validation 3",
            "checkpoint 3",
            "steps end",
            "end 3"),
        recorder.events);
    assertTrue(result.completed());
    assertTrue(
        Files.size(runDir.resolve("curves.csv")) > 0, "the curves listener wrote the curves");
  }
}
