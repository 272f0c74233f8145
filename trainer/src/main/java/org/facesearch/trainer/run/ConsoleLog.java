package org.facesearch.trainer.run;

/** The run's log lines: validations and why the steps ended. */
final class ConsoleLog implements TrainingListener {
  @Override
  public void onValidation(RunContext run, CurvePoint point) {
    run.plan()
        .log()
        .printf(
            "%nstep %d/%d  epoch %.2f  train loss %.4f  validation loss %.4f  validation accuracy %.4f  %.0f s%n",
            point.step(),
            run.total(),
            point.epoch(),
            point.trainLoss(),
            point.validationLoss(),
            point.validationAccuracy(),
            point.seconds());
  }

  @Override
  public void onStopped(RunContext run, long step, double seconds, StopReason reason) {
    switch (reason) {
      case TIME_LIMIT ->
          run.plan()
              .log()
              .printf(
                  "%ntime limit of %s reached at step %d of %d; finishing here%n",
                  run.plan().timeLimit().orElseThrow(), step, run.total());
      case INTERRUPTED ->
          run.plan()
              .log()
              .printf(
                  "%nstopped at step %d of %d; checkpoint saved in %s (resume the run to continue)%n",
                  step, run.total(), run.plan().runDir());
    }
  }

  @Override
  public void onDivergence(RunContext run, long step, float loss) {
    run.plan().log().printf("%nthe training loss became %s at step %d%n", loss, step);
  }
}
