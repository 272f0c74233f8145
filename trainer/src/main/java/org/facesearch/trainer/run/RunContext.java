package org.facesearch.trainer.run;

import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.List;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.model.engine.Precision;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.objective.ObjectiveTrainer;
import org.facesearch.trainer.step.Adam;

/**
 * What listeners may look at while a run goes on. The history is a read-only view that grows as the
 * run validates.
 *
 * @param total the steps the schedule asks for
 * @param startStep the step this process started from (the checkpoint's after a resume)
 * @param priorSeconds training time spent before this process
 * @param device where it trains, in words
 */
public record RunContext(
    TrainConfig config,
    RunPlan plan,
    ModelSpec spec,
    TrainingData data,
    FaceNetwork network,
    ObjectiveTrainer objective,
    Adam adam,
    NDManager manager,
    List<CurvePoint> history,
    long total,
    long startStep,
    double priorSeconds,
    String device) {

  public RunContext {
    history = Collections.unmodifiableList(history);
  }

  /**
   * What this process's steps compute in (a resumed run may have trained in another before): the
   * step takes it, and the bundle records it.
   */
  public Precision precision() {
    return stepPrecision();
  }

  /** What this process's training steps compute in, before a run's context exists. */
  static Precision stepPrecision() {
    return Precision.configured().forTraining();
  }

  /** "triplet resnet18": what curves and the progress bar call the run. */
  public String title() {
    return config.objective().id() + " " + config.architecture().id();
  }
}
