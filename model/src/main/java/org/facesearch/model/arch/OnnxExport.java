package org.facesearch.model.arch;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.lang.reflect.Field;
import java.util.List;
import org.facesearch.model.onnx.ConvWeights;
import org.facesearch.model.onnx.Equalization;
import org.facesearch.model.onnx.OnnxGraph;

/**
 * Writes a {@link FaceNetwork}'s trained ResNet-18 and projection head as an ONNX graph, read off
 * the DJL blocks {@link ResNet18#backbone()} and {@link Head#newBlock()} build, so an inference
 * runtime other than PyTorch can run the same weights. DJL's lambda blocks hide their settings
 * (pooling sizes, what the residual sum does), so this mirrors what those two methods build and
 * checks each block's type on the way: a change there that this does not follow fails here, not as
 * wrong embeddings.
 */
final class OnnxExport {
  private OnnxExport() {}

  /**
   * The backbone's features (N, 512) from the input value, its activations stored as {@code
   * activations} says: the input, each ReLU's output, each residual branch before the sum; each
   * branch's inner channels balanced first when {@code equalization} says so.
   */
  static String resNet18(
      OnnxGraph graph,
      Block backbone,
      String input,
      Activations activations,
      Equalization equalization) {
    List<Block> stem = children(backbone);
    if (stem.size() != 4 + 8 + 1) {
      throw mismatch("a ResNet-18 backbone has 13 blocks, not " + stem.size());
    }
    String x = activations.store(graph, input);
    x = activations.conv(graph, x, convBn(stem.get(0), stem.get(1)), 2, pads(3));
    x = activations.store(graph, graph.relu(x));
    x = activations.store(graph, graph.maxPool(x, 3, 2, 1));
    for (Block unit : stem.subList(4, 12)) {
      x = residualUnit(graph, as(ParallelBlock.class, unit), x, activations, equalization);
    }
    as(LambdaBlock.class, stem.get(12));
    return graph.globalAveragePoolFlat(x);
  }

  /** A projection head's output before its L2 normalisation: Linear, ReLU, Linear. */
  static String projection(OnnxGraph graph, Block head, String features) {
    List<Block> layers = children(head);
    if (layers.size() != 4) {
      throw mismatch("a projection head has 4 blocks, not " + layers.size());
    }
    String x = linear(graph, as(Linear.class, layers.get(0)), features);
    x = graph.relu(x);
    return linear(graph, as(Linear.class, layers.get(2)), x);
  }

  /** conv-bn-relu-conv-bn beside the identity or a strided 1x1 conv-bn, summed, then ReLU. */
  private static String residualUnit(
      OnnxGraph graph,
      ParallelBlock unit,
      String x,
      Activations activations,
      Equalization equalization) {
    List<Block> branches = children(unit);
    List<Block> main = children(branches.get(0));
    List<Block> shortcut = children(branches.get(1));
    if (main.size() != 5) {
      throw mismatch("a basic residual unit has 5 blocks, not " + main.size());
    }
    Conv2d first = as(Conv2d.class, main.get(0));
    int stride = (int) first.getStride().get(0);
    ConvWeights inner = convBn(main.get(0), main.get(1));
    ConvWeights outer = convBn(main.get(3), main.get(4));
    if (equalization == Equalization.CROSS_LAYER) {
      ConvWeights.Equalized balanced = ConvWeights.equalize(inner, outer);
      inner = balanced.first();
      outer = balanced.next();
    }
    String y = activations.conv(graph, x, inner, stride, pads(1));
    y = activations.store(graph, graph.relu(y));
    y = activations.store(graph, activations.conv(graph, y, outer, 1, pads(1)));
    String skip =
        shortcut.size() == 1
            ? x
            : activations.store(
                graph,
                activations.conv(
                    graph, x, convBn(shortcut.get(0), shortcut.get(1)), stride, pads(0)));
    return activations.store(graph, graph.relu(graph.add(y, skip)));
  }

  private static ConvWeights convBn(Block convBlock, Block normBlock) {
    Conv2d conv = as(Conv2d.class, convBlock);
    BatchNorm norm = as(BatchNorm.class, normBlock);
    var params = conv.getParameters();
    float[] weight = params.get("weight").getArray().toFloatArray();
    float[] bias = conv.isIncludeBias() ? params.get("bias").getArray().toFloatArray() : null;
    int out = conv.getFilters();
    int kernel = (int) conv.getKernelShape().get(0);
    int perGroup = weight.length / (out * kernel * kernel);
    var stats = norm.getParameters();
    return ConvWeights.of(weight, bias, out, perGroup, kernel, conv.getGroups())
        .foldBatchNorm(
            stats.get("gamma").getArray().toFloatArray(),
            stats.get("beta").getArray().toFloatArray(),
            stats.get("runningMean").getArray().toFloatArray(),
            stats.get("runningVar").getArray().toFloatArray(),
            epsilon(norm));
  }

  private static String linear(OnnxGraph graph, Linear layer, String x) {
    var params = layer.getParameters();
    long[] shape = params.get("weight").getArray().getShape().getShape();
    return graph.linear(
        x,
        params.get("weight").getArray().toFloatArray(),
        params.get("bias").getArray().toFloatArray(),
        (int) shape[0],
        (int) shape[1]);
  }

  /** DJL keeps a batch norm's epsilon private; the residual units set 1e-5 but read it anyway. */
  private static double epsilon(BatchNorm norm) {
    try {
      Field field = BatchNorm.class.getDeclaredField("epsilon");
      field.setAccessible(true);
      return field.getFloat(norm);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw mismatch("cannot read a batch norm's epsilon from this DJL version: " + e);
    }
  }

  private static int[] pads(int p) {
    return new int[] {p, p, p, p};
  }

  private static List<Block> children(Block block) {
    if (!(block instanceof SequentialBlock) && !(block instanceof ParallelBlock)) {
      throw mismatch(
          "expected a sequential or parallel block, found " + block.getClass().getSimpleName());
    }
    return block.getChildren().values();
  }

  private static <T extends Block> T as(Class<T> type, Block block) {
    if (!type.isInstance(block)) {
      throw mismatch(
          "expected " + type.getSimpleName() + ", found " + block.getClass().getSimpleName());
    }
    return type.cast(block);
  }

  private static IllegalStateException mismatch(String what) {
    return new IllegalStateException("the ONNX export does not match the network: " + what);
  }
}
