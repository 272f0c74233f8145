package org.facesearch.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.facesearch.trainer.objective.MarginKind;
import org.facesearch.trainer.testing.CpuManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CosFace and ArcFace on three 2-d classes, W = (1,0), (0,1), (-1,0), against values worked out by
 * hand: an embedding (0.6, 0.8) has cosines (0.6, 0.8, -0.6) to them.
 */
class MarginSoftmaxLossTest {
  @RegisterExtension final CpuManager cpu = new CpuManager();

  private NDArray classes() {
    return cpu.manager().create(new float[] {1, 0, 0, 1, -1, 0}, new Shape(3, 2));
  }

  private NDArray labels(long... classes) {
    return cpu.manager().create(classes);
  }

  @Test
  void cosFaceSubtractsTheMarginFromTheTrueCosine() {
    // s=10, m=0.2, class 0: logits (10(0.6-0.2), 8, -6) = (4, 8, -6);
    // loss = log(e^4 + e^8 + e^-6) - 4 = log(1 + e^4 + e^-10) = 4.018151.
    NDArray x = cpu.manager().create(new float[] {0.6f, 0.8f}, new Shape(1, 2));
    float loss =
        new MarginSoftmaxLoss(MarginKind.COSFACE, 0.2f, 10f, false)
            .evaluate(x, classes(), labels(0))
            .getFloat();
    assertEquals(4.018151f, loss, 1e-4);
  }

  @Test
  void neitherInputNeedsToBeNormalised() {
    NDArray x = cpu.manager().create(new float[] {3f, 4f}, new Shape(1, 2));
    NDArray w = classes().mul(7f);
    assertEquals(
        4.018151f,
        new MarginSoftmaxLoss(MarginKind.COSFACE, 0.2f, 10f, false)
            .evaluate(x, w, labels(0))
            .getFloat(),
        1e-4);
  }

  @Test
  void arcFaceAddsTheMarginToTheAngle() {
    // theta = acos(0.6) = 0.927295; cos(theta + 0.5) = 0.143009; logits (1.43009, 8, -6);
    // loss = log(e^1.43009 + e^8 + e^-6) - 1.43009 = 6.571311.
    NDArray x = cpu.manager().create(new float[] {0.6f, 0.8f}, new Shape(1, 2));
    float loss =
        new MarginSoftmaxLoss(MarginKind.ARCFACE, 0.5f, 10f, false)
            .evaluate(x, classes(), labels(0))
            .getFloat();
    assertEquals(6.571311f, loss, 1e-4);
  }

  @Test
  void arcFaceFallsBackPastTheThreshold() {
    // x = (-0.95, 0.312250): cos to class 0 is -0.95 < cos(pi - 0.5) = -0.877583, where
    // cos(theta + m) would turn back up; the target is cos - m sin(pi - m) = -0.95 - 0.5 * 0.479426
    // = -1.189713. Logits (-11.89713, 3.12250, 9.5); loss = 21.398826.
    NDArray x = cpu.manager().create(new float[] {-0.95f, 0.3122499f}, new Shape(1, 2));
    float loss =
        new MarginSoftmaxLoss(MarginKind.ARCFACE, 0.5f, 10f, false)
            .evaluate(x, classes(), labels(0))
            .getFloat();
    assertEquals(21.398826f, loss, 1e-3);
  }

  @Test
  void theLossIsTheMeanOverTheBatch() {
    // Rows: the CosFace case above (4.018151), and (0, 1) of class 1: logits (0, 10(1-0.2), 0) =
    // (0, 8, 0), loss log(1 + 2e^-8) = 0.000671.
    NDArray x = cpu.manager().create(new float[] {0.6f, 0.8f, 0f, 1f}, new Shape(2, 2));
    float loss =
        new MarginSoftmaxLoss(MarginKind.COSFACE, 0.2f, 10f, false)
            .evaluate(x, classes(), labels(0, 1))
            .getFloat();
    assertEquals((4.018151f + 0.000671f) / 2, loss, 1e-4);
  }

  @Test
  void aGradientStepMovesTheEmbeddingTowardsItsClass() {
    for (MarginKind kind : MarginKind.values()) {
      MarginSoftmaxLoss loss =
          new MarginSoftmaxLoss(kind, kind == MarginKind.COSFACE ? 0.35f : 0.5f, 30f, false);
      NDArray x = cpu.manager().create(new float[] {0.6f, 0.8f}, new Shape(1, 2));
      x.setRequiresGradient(true);
      float before;
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray value = loss.evaluate(x, classes(), labels(0));
        before = value.getFloat();
        collector.backward(value);
      }
      NDArray stepped = x.sub(x.getGradient().mul(0.01f));
      float[] v = stepped.toFloatArray();
      double cosToOwn = v[0] / Math.hypot(v[0], v[1]);
      assertTrue(cosToOwn > 0.6, kind + ": cosine to its class went from 0.6 to " + cosToOwn);
      float after = loss.evaluate(stepped, classes(), labels(0)).getFloat();
      assertTrue(after < before, kind + ": loss went from " + before + " to " + after);
    }
  }

  @Test
  void anArcFaceMarginIsAnAcuteAngle() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new MarginSoftmaxLoss(MarginKind.ARCFACE, 2f, 30f, false));
  }
}
