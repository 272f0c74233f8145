package org.facesearch.trainer.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A saved point of a run: after {@code step} optimiser steps, with the settings it ran under, the
 * wall time spent so far and the curve up to it. Weights and optimiser state are files in {@code
 * directory}.
 */
public record Checkpoint(
    Path directory,
    long step,
    double elapsedSeconds,
    Map<String, Object> hyperparameters,
    List<CurvePoint> history) {

  public Checkpoint {
    hyperparameters = Map.copyOf(hyperparameters);
    history = List.copyOf(history);
  }
}
