package org.facesearch.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.facesearch.trainer.testing.CpuManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Student (1,0), (0,1) against teacher (0.6,0.8), (0,1), worked out by hand. */
class DistillationLossTest {
  @RegisterExtension final CpuManager cpu = new CpuManager();

  private NDArray student() {
    return cpu.manager().create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
  }

  private NDArray teacher() {
    return cpu.manager().create(new float[] {0.6f, 0.8f, 0, 1}, new Shape(2, 2));
  }

  @Test
  void cosineDistillationIsOneMinusTheMeanCosine() {
    // cosines 0.6 and 1: mean(1 - cos) = (0.4 + 0) / 2 = 0.2.
    assertEquals(
        0.2f, new DistillationLoss(1f, 0f).evaluate(student(), teacher()).getFloat(), 1e-6);
  }

  @Test
  void relationalDistillationMatchesTheSimilarityMatrices() {
    // Student similarities [[1,0],[0,1]], teacher [[1,0.8],[0.8,1]]: MSE = 2 * 0.64 / 4 = 0.32.
    assertEquals(
        0.32f, new DistillationLoss(0f, 1f).evaluate(student(), teacher()).getFloat(), 1e-6);
    // Weighted sum: 0.2 + 0.5 * 0.32 = 0.36; scaling the inputs changes nothing.
    assertEquals(
        0.36f,
        new DistillationLoss(1f, 0.5f).evaluate(student().mul(3f), teacher()).getFloat(),
        1e-6);
  }

  @Test
  void aStepOfSgdMovesTheStudentTowardsTheTeacher() {
    DistillationLoss loss = new DistillationLoss(1f, 1f);
    NDArray s = student();
    s.setRequiresGradient(true);
    float before;
    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray value = loss.evaluate(s, teacher());
      before = value.getFloat();
      collector.backward(value);
    }
    NDArray stepped = s.sub(s.getGradient().mul(0.1f));
    float after = loss.evaluate(stepped, teacher()).getFloat();
    assertTrue(after < before, "loss went from " + before + " to " + after);
    float[] v = stepped.toFloatArray();
    double cos = (0.6 * v[0] + 0.8 * v[1]) / Math.hypot(v[0], v[1]);
    assertTrue(
        cos > 0.6, "the first student vector's cosine to its teacher went from 0.6 to " + cos);
  }

  @Test
  void shapesMustAgreeAndSomeTermMustCount() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DistillationLoss(1f, 1f).evaluate(student(), cpu.manager().ones(new Shape(2, 3))));
    assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(0f, 0f));
  }
}
