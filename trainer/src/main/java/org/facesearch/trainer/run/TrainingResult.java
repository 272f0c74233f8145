package org.facesearch.trainer.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a run ended.
 *
 * @param bundle the model bundle written, empty when the run was stopped before the end
 * @param modelId the bundle's model id, empty likewise
 * @param steps optimiser steps done in total (including those before a resume)
 * @param seconds training wall time in total
 * @param metrics the bundle's metrics (empty when stopped)
 * @param history the learning curve
 */
public record TrainingResult(
    Optional<Path> bundle,
    Optional<String> modelId,
    long steps,
    double seconds,
    Map<String, Double> metrics,
    List<CurvePoint> history) {

  public boolean completed() {
    return bundle.isPresent();
  }
}
