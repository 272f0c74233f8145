package org.facesearch.trainer.run;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress bar on stderr: steps, smoothed loss, images/s, ETA. */
final class ProgressBarListener implements TrainingListener {
  private ProgressBar bar;

  @Override
  public void onTrainingBegin(RunContext run) {
    bar =
        new ProgressBarBuilder()
            .setTaskName("train " + run.config().objective().id())
            .setInitialMax(run.total())
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .setUpdateIntervalMillis(1000)
            .startsFrom(run.startStep(), Duration.ofMillis((long) (run.priorSeconds() * 1000)))
            .build();
  }

  @Override
  public void onStep(RunContext run, StepReport step) {
    bar.stepTo(step.step());
    bar.setExtraMessage(
        String.format(" loss %.4f  %.1f img/s", step.smoothedLoss(), step.imagesPerSecond()));
  }

  @Override
  public void onStepsEnd(RunContext run) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
