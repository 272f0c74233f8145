package org.facesearch.trainer.run;

import java.io.IOException;

/**
 * Writes a checkpoint whenever one is due: the network, the optimiser, the objective's training
 * parameters, the settings and the curve so far.
 */
final class CheckpointListener implements TrainingListener {
  private final CheckpointStore store;

  CheckpointListener(CheckpointStore store) {
    this.store = store;
  }

  @Override
  public void onCheckpoint(RunContext run, long step, double seconds) throws IOException {
    store.save(
        step,
        seconds,
        run.config().hyperparameters(),
        run.history(),
        run.network(),
        run.objective().trainingParameters(),
        run.adam());
  }
}
