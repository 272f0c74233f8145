package org.facesearch.trainer.run;

import java.util.Optional;
import org.facesearch.model.arch.FaceNetwork.DeadChannels;

/**
 * Watches the residual branches' channels die. A channel whose filter has decayed to zero cannot
 * learn back, and a run can lose most of its network that way without its loss saying so: the
 * shipped students trained with Adam and an L2 decay of 5e-4 ended with 84% of their branch
 * channels dead. After each validation this says how many are dead when the number has grown, and
 * once a quarter are, what to change.
 */
final class DeadChannelsListener implements TrainingListener {
  /** The share at which the run is told what to change, once. */
  static final double WARN_AT = 0.25;

  private int lastReported = -1;
  private boolean warned;

  @Override
  public void onTrainingBegin(RunContext run) {
    Optional<DeadChannels> counted = run.network().deadChannels();
    if (counted.isEmpty()) {
      return;
    }
    DeadChannels d = counted.get();
    lastReported = d.dead();
    if (d.dead() > 0 && run.startStep() == 0) {
      run.plan()
          .log()
          .printf(
              "dead channels: %d of the residual branches' %d (%.1f%%) in the initial weights;"
                  + " they will not learn unless revived%n",
              d.dead(), d.total(), 100 * d.share());
    }
  }

  @Override
  public void onValidation(RunContext run, CurvePoint point) {
    Optional<DeadChannels> counted = run.network().deadChannels();
    if (counted.isEmpty() || counted.get().dead() <= lastReported) {
      return;
    }
    DeadChannels d = counted.get();
    run.plan()
        .log()
        .printf(
            "dead channels: %d of the residual branches' %d (%.1f%%) have decayed to zero%n",
            d.dead(), d.total(), 100 * d.share());
    lastReported = d.dead();
    if (!warned && d.share() >= WARN_AT) {
      warned = true;
      run.plan()
          .log()
          .println(
              run.config().decoupledWeightDecay()
                  ? "they will not come back: lower the weight decay, or revive them in a run"
                      + " continued from this one's bundle"
                  : "they will not come back: Adam's L2 weight decay starves layers whose"
                      + " gradients are small; train with AdamW's decoupled decay instead (and"
                      + " revive them in a run continued from this one's bundle)");
    }
  }
}
