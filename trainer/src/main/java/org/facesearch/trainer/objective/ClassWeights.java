package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.trainer.data.StepSeeds;

/**
 * The margin-softmax class matrix: one learnable row per training identity, in the embedding's
 * space. It exists only for training (the people it knows are not the people searched), so it is a
 * training parameter of the objective: in checkpoints, never in the bundle.
 */
final class ClassWeights {
  /** The name checkpoints and the optimiser keep it under; no network parameter has it. */
  static final String NAME = "objective_classWeights";

  private static final long INIT_STREAM = -11;

  private final Parameter parameter;
  private final int[] classOfLabel;
  private final int classes;

  /**
   * One row per identity among the crops at {@code indices}: seeded Gaussian rows, or the rows
   * saved in the checkpoint being resumed.
   */
  ClassWeights(TrainingSetup setup, int[] indices) {
    CachedCrops crops = setup.data().crops();
    int dimension = setup.spec().embeddingDim();
    int maxLabel = 0;
    for (int i : indices) {
      maxLabel = Math.max(maxLabel, crops.label(i));
    }
    classOfLabel = new int[maxLabel + 1];
    Arrays.fill(classOfLabel, -1);
    int[] labels = Arrays.stream(indices).map(crops::label).distinct().sorted().toArray();
    for (int c = 0; c < labels.length; c++) {
      classOfLabel[labels[c]] = c;
    }
    classes = labels.length;
    Shape shape = new Shape(classes, dimension);
    NDArray array = setup.restored().get(NAME);
    if (array == null) {
      // Seeded here rather than by the engine, so the matrix is the same on every device.
      SplittableRandom random =
          new SplittableRandom(StepSeeds.of(setup.config().seed(), INIT_STREAM));
      float[] values = new float[classes * dimension];
      for (int k = 0; k < values.length; k++) {
        values[k] = (float) random.nextGaussian();
      }
      array = setup.manager().create(values, shape);
    } else if (!array.getShape().equals(shape)) {
      throw new IllegalArgumentException(
          "the checkpoint's class matrix is "
              + array.getShape()
              + ", not "
              + shape
              + " (one row per training identity); resume with the same people and settings");
    }
    array.setRequiresGradient(true);
    parameter = Parameter.builder().setName(NAME).setType(Parameter.Type.WEIGHT).build();
    parameter.setArray(array);
  }

  Parameter parameter() {
    return parameter;
  }

  /** Number of identities. */
  int classes() {
    return classes;
  }

  /** The class numbers (0..C-1) of these crops' identities. */
  long[] classesOf(CachedCrops crops, int[] indices) {
    long[] out = new long[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int label = crops.label(indices[k]);
      int c = label < classOfLabel.length ? classOfLabel[label] : -1;
      if (c < 0) {
        throw new IllegalArgumentException(
            "crop " + crops.image(indices[k]).key() + " is not of a training identity");
      }
      out[k] = c;
    }
    return out;
  }
}
