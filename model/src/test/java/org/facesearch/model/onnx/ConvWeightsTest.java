package org.facesearch.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Cross-layer equalisation of two convolutions, worked by hand on 1x1 kernels. */
class ConvWeightsTest {
  /** 1 channel into 2, then 2 into 1; the second inner channel has no weights either side. */
  private static final ConvWeights FIRST =
      new ConvWeights(new float[] {4f, 0.5f, 0f}, new float[] {2f, -1f, 0.7f}, 3, 1, 1, 1);

  private static final ConvWeights NEXT =
      new ConvWeights(new float[] {0.25f, 2f, 0f}, new float[] {0.3f}, 1, 3, 1, 1);

  @Test
  void eachInnerChannelIsScaledToTheGeometricMeanOfItsTwoRanges() {
    ConvWeights.Equalized e = ConvWeights.equalize(FIRST, NEXT);
    // s = sqrt(r1 / r2): sqrt(4 / 0.25) = 4 and sqrt(0.5 / 2) = 0.5; the empty channel keeps 1.
    assertArrayEquals(new float[] {1f, 1f, 0f}, e.first().weight(), 1e-6f);
    assertArrayEquals(new float[] {0.5f, -2f, 0.7f}, e.first().bias(), 1e-6f);
    assertArrayEquals(new float[] {1f, 1f, 0f}, e.next().weight(), 1e-6f);
    assertArrayEquals(new float[] {0.3f}, e.next().bias(), 1e-6f);
    // The inputs are not touched.
    assertArrayEquals(new float[] {4f, 0.5f, 0f}, FIRST.weight());
  }

  @Test
  void thePairComputesWhatItDidThroughTheRelu() {
    ConvWeights.Equalized e = ConvWeights.equalize(FIRST, NEXT);
    for (float x : new float[] {-3f, -1f, 0f, 0.7f, 2f, 5f}) {
      assertEquals(pair(FIRST, NEXT, x), pair(e.first(), e.next(), x), 1e-5, "x = " + x);
    }
  }

  @Test
  void onlyAConvolutionReadingAllOfAnothersChannelsCanBeBalancedWithIt() {
    ConvWeights twoIn = new ConvWeights(new float[] {1f, 1f}, new float[] {0f}, 1, 2, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> ConvWeights.equalize(FIRST, twoIn));
    ConvWeights grouped = new ConvWeights(new float[] {1f, 1f}, new float[] {0f, 0f}, 2, 1, 1, 2);
    assertThrows(IllegalArgumentException.class, () -> ConvWeights.equalize(grouped, NEXT));
  }

  /** next(ReLU(first(x))) for one pixel of one channel. */
  private static double pair(ConvWeights first, ConvWeights next, float x) {
    double y = next.bias()[0];
    for (int c = 0; c < first.outChannels(); c++) {
      double inner = Math.max(0, first.weight()[c] * x + first.bias()[c]);
      y += next.weight()[c] * inner;
    }
    return y;
  }
}
