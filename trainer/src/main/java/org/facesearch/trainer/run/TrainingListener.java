package org.facesearch.trainer.run;

import java.io.IOException;

/**
 * Something that reacts to a training run's events, as DJL's {@code TrainingListener}s do: the
 * progress bar, the log, the curves, the checkpoints and the final bundle are each one. The loop
 * only trains and publishes; listeners are called in the order they were given.
 */
public interface TrainingListener {
  /** Before the first step (of this process: {@code run.startStep()} > 0 after a resume). */
  default void onTrainingBegin(RunContext run) throws IOException {}

  /** After each optimiser step. */
  default void onStep(RunContext run, StepReport step) throws IOException {}

  /** After each validation; the point is already in {@code run.history()}. */
  default void onValidation(RunContext run, CurvePoint point) throws IOException {}

  /** A checkpoint is due: after a validation, on a stop request, when the time limit ends a run. */
  default void onCheckpoint(RunContext run, long step, double seconds) throws IOException {}

  /** The loss stopped being a finite number; the run ends with an error after this. */
  default void onDivergence(RunContext run, long step, float loss) throws IOException {}

  /** The run was asked to stop (Ctrl-C) or ran out of time, after the checkpoint event. */
  default void onStopped(RunContext run, long step, double seconds, StopReason reason)
      throws IOException {}

  /** The steps are over, however they ended (also after an error): release what steps held. */
  default void onStepsEnd(RunContext run) {}

  /** The schedule (or the time limit) is done: final evaluation and bundle. */
  default void onTrainingEnd(RunContext run, RunSummary summary) throws IOException {}

  /** Why the steps ended before the schedule. */
  enum StopReason {
    /** Ctrl-C or SIGTERM: the run can be resumed. */
    INTERRUPTED,
    /** {@code --max-minutes}: the run finishes here as if its schedule had ended. */
    TIME_LIMIT
  }

  /**
   * One step's outcome.
   *
   * @param step steps done so far, this one included
   * @param smoothedLoss exponential moving average of the loss (factor 0.05)
   * @param imagesPerSecond over this process's steps
   * @param seconds training wall time in total, including before a resume
   */
  record StepReport(
      long step, float loss, double smoothedLoss, double imagesPerSecond, double seconds) {}

  /**
   * How the steps ended, for the final evaluation.
   *
   * @param stoppedByTimeLimit the time limit ended the run before its schedule
   */
  record RunSummary(
      long steps, double seconds, double imagesPerSecond, boolean stoppedByTimeLimit) {}
}
