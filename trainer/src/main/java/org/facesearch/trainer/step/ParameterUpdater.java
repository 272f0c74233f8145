package org.facesearch.trainer.step;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/** Applies one gradient to one named parameter: the optimiser's half of a {@link TrainingStep}. */
@FunctionalInterface
public interface ParameterUpdater {
  /**
   * @param name the parameter's stable path in the block (e.g. {@code backbone01Conv2d_weight}),
   *     the same in every process, so optimiser state saved under it can be restored
   */
  void update(String name, Parameter parameter, NDArray gradient);
}
