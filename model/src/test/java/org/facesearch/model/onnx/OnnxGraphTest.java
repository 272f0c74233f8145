package org.facesearch.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The ONNX writer, checked where it can go wrong: the protobuf bytes against the wire format by
 * hand, and small graphs run by ONNX Runtime against outputs computed by hand, so a wrong field
 * number or attribute shows up as a wrong number rather than as a model ONNX Runtime reads
 * differently.
 */
class OnnxGraphTest {
  @Test
  void varintsStringsAndMessagesAreTheProtobufWireFormat() {
    // Field 1, varint 300: tag 0x08, then 300 = 0b10_0101100 as 0xAC 0x02.
    assertArrayEquals(
        new byte[] {0x08, (byte) 0xAC, 0x02}, new ProtoWriter().varint(1, 300).toByteArray());
    // A negative int64 takes ten bytes.
    byte[] minusOne = new ProtoWriter().varint(1, -1).toByteArray();
    assertEquals(11, minusOne.length);
    assertEquals(0x01, minusOne[10]);
    // Field 3, length-delimited "ab": tag 0x1A, length 2.
    assertArrayEquals(
        new byte[] {0x1A, 2, 'a', 'b'}, new ProtoWriter().string(3, "ab").toByteArray());
    // A nested message is its bytes, length-delimited.
    assertArrayEquals(
        new byte[] {0x22, 2, 0x08, 5},
        new ProtoWriter().message(4, new ProtoWriter().varint(1, 5)).toByteArray());
  }

  /**
   * A 1x1 convolution (w 2, b -1), ReLU, the input added back, global average pooling and a 1 -> 2
   * linear map, for two images at once: [1, 2, 3, -4] -> [1, 3, 5, 0] -> [2, 5, 8, -4] -> 2.75 ->
   * [2.75 + 0.5, -2.75].
   */
  @Test
  void aResidualGraphRunsOnOnnxRuntimeAsComputedByHand() {
    OnnxGraph graph = new OnnxGraph("residual");
    String x = graph.input("image", 1, 2, 2);
    String y =
        graph.relu(
            graph.conv(
                x, ConvWeights.of(new float[] {2}, new float[] {-1}, 1, 1, 1, 1), 1, new int[4]));
    String pooled = graph.globalAveragePoolFlat(graph.add(y, x));
    String out = graph.linear(pooled, new float[] {1, -1}, new float[] {0.5f, 0}, 2, 1);
    graph.output(out, -1, 2);
    try (OnnxNetwork net = OnnxNetwork.load("residual", graph.toBytes(), 1, 2, 2, 2)) {
      float[] result = net.run(new float[] {1, 2, 3, -4, 0, 0, 0, 4}, 2);
      // The second image: conv [-1, -1, -1, 7] -> relu [0, 0, 0, 7] -> + x [0, 0, 0, 11] -> 2.75.
      assertArrayEquals(new float[] {3.25f, -2.75f, 3.25f, -2.75f}, result, 1e-6f);
    }
  }

  /**
   * TensorFlow's "same" padding of a stride-2 3x3 convolution pads the bottom and right only: on a
   * 2x2 image [[1, 2], [3, 4]] with filter values 1..9 row by row, the one output is 1*1 + 2*2 +
   * 3*4 + 4*5 = 37; symmetric padding would give 1*5 + 2*6 + 3*8 + 4*9 = 77. Max-pooling 3x3/2 with
   * padding 1 of the same image is 4.
   */
  @Test
  void asymmetricPaddingPadsOnlyTheBottomAndRight() {
    float[] filter = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    for (int[] pads : new int[][] {{0, 0, 1, 1}, {1, 1, 1, 1}}) {
      OnnxGraph graph = new OnnxGraph("pad");
      String x = graph.input("image", 1, 2, 2);
      String conv =
          graph.globalAveragePoolFlat(
              graph.conv(x, ConvWeights.of(filter, null, 1, 1, 3, 1), 2, pads));
      graph.output(conv, -1, 1);
      try (OnnxNetwork net = OnnxNetwork.load("pad", graph.toBytes(), 1, 2, 2, 1)) {
        float expected = pads[0] == 0 ? 37 : 77;
        assertEquals(expected, net.run(new float[] {1, 2, 3, 4}, 1)[0], 1e-5f);
      }
    }
    OnnxGraph pool = new OnnxGraph("pool");
    String x = pool.input("image", 1, 2, 2);
    String max = pool.globalAveragePoolFlat(pool.maxPool(x, 3, 2, 1));
    pool.output(max, -1, 1);
    try (OnnxNetwork net = OnnxNetwork.load("pool", pool.toBytes(), 1, 2, 2, 1)) {
      assertEquals(4f, net.run(new float[] {1, 2, 3, 4}, 1)[0], 0f);
    }
  }

  /** A depthwise convolution (one group per channel) keeps the channels apart. */
  @Test
  void aDepthwiseConvolutionKeepsEachChannelToItself() {
    OnnxGraph graph = new OnnxGraph("depthwise");
    String x = graph.input("image", 2, 1, 1);
    String y =
        graph.globalAveragePoolFlat(
            graph.conv(
                x,
                ConvWeights.of(new float[] {3, -2}, new float[] {1, 0}, 2, 1, 1, 2),
                1,
                new int[4]));
    graph.output(y, -1, 2);
    try (OnnxNetwork net = OnnxNetwork.load("depthwise", graph.toBytes(), 2, 1, 1, 2)) {
      assertArrayEquals(new float[] {3 * 5 + 1, -2 * 7}, net.run(new float[] {5, 7}, 1), 1e-6f);
    }
  }

  @Test
  void aGraphThatCannotBeRightIsRefusedAsItIsBuilt() {
    OnnxGraph graph = new OnnxGraph("bad");
    String x = graph.input("image", 1, 2, 2);
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> graph.relu("nothing"));
    assertTrue(unknown.getMessage().contains("nothing produced"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> graph.input("image", 1, 2, 2));
    assertThrows(
        IllegalArgumentException.class, () -> graph.linear(x, new float[3], new float[2], 2, 1));
    assertThrows(IllegalArgumentException.class, () -> graph.output("nothing", -1));
    IllegalArgumentException weights =
        assertThrows(
            IllegalArgumentException.class, () -> ConvWeights.of(new float[8], null, 1, 1, 3, 1));
    assertTrue(weights.getMessage().contains("9 weights, not 8"), weights.getMessage());
  }

  /**
   * Batch norm folded into the convolution before it, by hand: scale gamma / sqrt(var + eps) is 2 /
   * sqrt(3 + 1) = 1 for channel 0 and 1 / sqrt(3 + 1) = 0.5 for channel 1; biases beta + (b - mean)
   * * scale: 1 + (0.5 - 0.5) * 1 = 1 and 0 + (0 - 1) * 0.5 = -0.5.
   */
  @Test
  void aFoldedBatchNormIsTheConvolutionThenTheNormalisation() {
    ConvWeights conv = ConvWeights.of(new float[] {1, 2}, new float[] {0.5f, 0}, 2, 1, 1, 1);
    ConvWeights folded =
        conv.foldBatchNorm(
            new float[] {2, 1}, new float[] {1, 0}, new float[] {0.5f, 1}, new float[] {3, 3}, 1);
    assertArrayEquals(new float[] {1, 1}, folded.weight(), 1e-7f);
    assertArrayEquals(new float[] {1, -0.5f}, folded.bias(), 1e-7f);
    assertThrows(
        IllegalArgumentException.class,
        () -> conv.foldBatchNorm(new float[1], new float[1], new float[1], new float[1], 1e-5));
  }
}
