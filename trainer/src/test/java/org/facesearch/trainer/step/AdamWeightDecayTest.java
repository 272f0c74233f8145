package org.facesearch.trainer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import org.facesearch.trainer.testing.CpuManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each kind of weight decay does to weights the loss does not push on (a zero gradient): the
 * case of a layer the loss barely uses, where Adam's L2 term, divided by its own running scale,
 * moves every weight by about the learning rate whatever its size, and AdamW's shrinks each in
 * proportion to it.
 */
class AdamWeightDecayTest {
  @RegisterExtension final CpuManager cpu = new CpuManager();

  private float[] afterOneStep(boolean decoupled, float[] weights) {
    Parameter parameter = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
    parameter.setArray(cpu.manager().create(weights));
    NDArray zeroGradient = cpu.manager().zeros(parameter.getArray().getShape());
    new Adam(0.01f, 0, 0.1f, decoupled, cpu.manager()).update("w", parameter, zeroGradient);
    return parameter.getArray().toFloatArray();
  }

  @Test
  void adamsL2TermMovesEveryWeightByTheLearningRateWhateverItsSize() {
    float[] before = {1f, 0.05f, 0.001f, -0.02f};
    float[] after = afterOneStep(false, before);
    for (int i = 0; i < before.length; i++) {
      // g = 0.1 w; m = 0.1 g, v = 0.001 g^2; the step, bias-corrected: 0.01 sqrt(0.001) g /
      // (sqrt(0.001) |g| + 1e-8), about 0.01 sign(w) until |g| nears epsilon.
      double g = 0.1 * before[i];
      double s = Math.sqrt(0.001);
      double expected = before[i] - 0.01 * s * g / (s * Math.abs(g) + 1e-8);
      assertEquals(expected, after[i], 1e-6, "weight " + before[i]);
    }
    assertEquals(0.99f, after[0], 1e-5);
    // A small weight overshoots past zero: the next steps drive it toward the floor of the float.
    assertEquals(-0.00897f, after[2], 1e-5);
  }

  @Test
  void adamwShrinksEachWeightByRateTimesDecay() {
    // w (1 - 0.01 x 0.1), and no step from a zero gradient.
    float[] after = afterOneStep(true, new float[] {1f, 0.05f, 0.001f, -0.02f});
    assertEquals(0.999f, after[0], 1e-7);
    assertEquals(0.04995f, after[1], 1e-8);
    assertEquals(0.000999f, after[2], 1e-10);
    assertEquals(-0.01998f, after[3], 1e-8);
  }
}
