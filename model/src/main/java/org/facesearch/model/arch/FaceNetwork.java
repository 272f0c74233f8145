package org.facesearch.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.facesearch.model.engine.Bf16ParameterStore;
import org.facesearch.model.onnx.ActivationRange;
import org.facesearch.model.onnx.Equalization;
import org.facesearch.model.onnx.OnnxGraph;

/**
 * A backbone with its training head, as one DJL block (so its parameters save and load as one
 * {@code .params} stream). {@code forward} returns the backbone features and, for a projection
 * head, the normalised projection; the pair classifier is applied with {@link #pairLogits}.
 */
public final class FaceNetwork extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Architecture architecture;
  private final Head head;
  private final Block backbone;
  private final Block headBlock;

  public FaceNetwork(Architecture architecture, Head head) {
    super(VERSION);
    this.architecture = architecture;
    this.head = head;
    this.backbone = addChildBlock("backbone", architecture.newBackbone());
    this.headBlock = head == Head.NONE ? null : addChildBlock(head.id(), head.newBlock());
  }

  public Architecture architecture() {
    return architecture;
  }

  public Head head() {
    return head;
  }

  /**
   * Re-initialises the dead channels of a ResNet-18's residual branches: those whose filters have
   * all decayed to nothing (training with Adam's L2 decay left the shipped students so), which
   * cannot learn back. The network's outputs are unchanged by it; a run continuing these weights
   * can grow the channels again. Nothing happens to other backbones.
   *
   * @return a sentence saying what was re-initialised, or empty when nothing was dead
   */
  public java.util.Optional<String> reviveDeadChannels(NDManager manager) {
    if (architecture.weightsLayout() != Architecture.RESNET18) {
      return java.util.Optional.empty();
    }
    ResNet18.Revival r = ResNet18.reviveDeadBranches(backbone, manager);
    return r.branches() == 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            String.format(
                "revived %d inner and %d output channels in %d residual branches whose filters"
                    + " had decayed to zero (they start adding nothing)",
                r.innerChannels(), r.outputChannels(), r.branches()));
  }

  /**
   * How many of a ResNet-18's residual-branch channels (the outputs of each branch's two
   * convolutions: 3,840 in all) have a filter whose every weight is below 1e-6, which no gradient
   * can bring back ({@link #reviveDeadChannels}); empty for other backbones.
   */
  public java.util.Optional<DeadChannels> deadChannels() {
    if (architecture.weightsLayout() != Architecture.RESNET18) {
      return java.util.Optional.empty();
    }
    int[] counts = ResNet18.countDeadChannels(backbone);
    return java.util.Optional.of(new DeadChannels(counts[0], counts[1]));
  }

  /** Dead channels of {@code total}. */
  public record DeadChannels(int dead, int total) {
    public double share() {
      return dead / (double) total;
    }
  }

  /**
   * Sets every weight below fp32's smallest normal number (1.2e-38) to zero, and says how many.
   * Weights that decayed that far carry nothing, but arithmetic on subnormal numbers can cost an
   * Intel core many times a normal operation: the shipped students hold 9.6 million such values
   * (84% of their weights), and their fp32 passes ran 30-60x slower on an AMX Xeon than their int8
   * or bf16 ones (neither of which computes with them). That is the likely cause, not a measured
   * one: no Intel machine has run them since this flush. {@code WeightsFile} calls this on load and
   * before writing, so it also changes the network it writes.
   */
  public long flushSubnormalWeights() {
    long flushed = 0;
    for (var p : getParameters()) {
      NDArray array = p.getValue().getArray();
      if (array.getDataType() != DataType.FLOAT32) {
        continue;
      }
      float[] values = array.toFloatArray();
      long here = 0;
      for (int i = 0; i < values.length; i++) {
        if (values[i] != 0f && Math.abs(values[i]) < Float.MIN_NORMAL) {
          values[i] = 0f;
          here++;
        }
      }
      if (here > 0) {
        array.set(values);
        flushed += here;
      }
    }
    return flushed;
  }

  /** Allocates and randomly initialises the parameters for crops with this many channels. */
  public void initialize(NDManager manager, int channels) {
    int size = architecture.inputSize();
    initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
  }

  /**
   * The backbone's features, (N, featureDim) fp32, for images (N, C, size, size) fp32. With a
   * {@link Bf16ParameterStore} the backbone computes in bf16 between the two casts.
   */
  public NDArray features(ParameterStore store, NDArray images, boolean training) {
    if (store instanceof Bf16ParameterStore bf16) {
      NDArray input = bf16.casts().toBf16(images, training);
      NDArray features = backbone.forward(store, new NDList(input), training).singletonOrThrow();
      return bf16.casts().toFloat32(features, training);
    }
    return backbone.forward(store, new NDList(images), training).singletonOrThrow();
  }

  /** The projection head's unit-length output for backbone features. */
  public NDArray project(ParameterStore store, NDArray features, boolean training) {
    if (!head.isProjection()) {
      throw new IllegalStateException("head '" + head.id() + "' is not a projection head");
    }
    return headBlock.forward(fp32(store), new NDList(features), training).singletonOrThrow();
  }

  /** Same-person logits, (N), for two batches of backbone features (pair head only). */
  public NDArray pairLogits(ParameterStore store, NDArray first, NDArray second, boolean training) {
    if (head != Head.PAIR) {
      throw new IllegalStateException("head '" + head.id() + "' is not the pair classifier");
    }
    NDArray both = first.concat(second, 1);
    return headBlock
        .forward(fp32(store), new NDList(both), training)
        .singletonOrThrow()
        .reshape(-1);
  }

  /** Heads are small and end in normalisation or a logit: they stay fp32 under any precision. */
  private static ParameterStore fp32(ParameterStore store) {
    return store instanceof Bf16ParameterStore bf16 ? bf16.master() : store;
  }

  /**
   * The trained network as an ONNX graph for inference: input {@code image} (N, channels, size,
   * size) as {@link #features} takes it, one output (N, D): the projection head's output before its
   * L2 normalisation, or the backbone's features (a caller normalises either).
   *
   * @throws UnsupportedOperationException for the 19-layer CNN and the pair classifier's head
   */
  public byte[] toOnnx(int channels, boolean withProjection) {
    return toOnnx(channels, withProjection, Activations.FLOAT, Equalization.NONE);
  }

  /**
   * {@link #toOnnx} with every activation the int8 export stores also an output, after the
   * embedding, each residual branch balanced as {@code equalization} says: run it on sample faces
   * to learn their ranges ({@link #toOnnxInt8}'s input).
   *
   * @return the graph, and how many activations it stores
   */
  public ProbedExport toOnnxProbed(
      int channels, boolean withProjection, Equalization equalization) {
    Activations.Probed probed = Activations.probed();
    byte[] onnx = toOnnx(channels, withProjection, probed, equalization);
    return new ProbedExport(onnx, probed.names().size());
  }

  /** An ONNX graph whose outputs are the embedding then {@code activations} stored activations. */
  public record ProbedExport(byte[] onnx, int activations) {}

  /**
   * {@link #toOnnx} in int8: each stored activation in uint8 in its {@code ranges} entry (in the
   * order {@link #toOnnxProbed} reports them), each convolution's weights int8 per output channel
   * with {@code weightLevels} levels either side of zero; the projection head stays fp32. The
   * ranges must have been read off the probed export with the same {@code equalization}.
   */
  public byte[] toOnnxInt8(
      int channels,
      boolean withProjection,
      List<ActivationRange> ranges,
      int weightLevels,
      Equalization equalization) {
    return toOnnx(channels, withProjection, Activations.int8(ranges, weightLevels), equalization);
  }

  private byte[] toOnnx(
      int channels, boolean withProjection, Activations activations, Equalization equalization) {
    if (!exportsToOnnx(architecture, head, withProjection)) {
      throw new UnsupportedOperationException(
          architecture.id()
              + (withProjection ? " with head '" + head.id() + "'" : "")
              + " has no ONNX export; it runs on PyTorch");
    }
    int size = architecture.inputSize();
    OnnxGraph graph = new OnnxGraph(architecture.id() + (withProjection ? "-" + head.id() : ""));
    String input = graph.input("image", channels, size, size);
    // A probed export declares its probes as outputs while it marks them; the embedding goes
    // before them, where callers read it.
    String out = OnnxExport.resNet18(graph, backbone, input, activations, equalization);
    long dim = architecture.featureDim();
    if (withProjection) {
      out = OnnxExport.projection(graph, headBlock, out);
      dim = head.outputDim();
    }
    graph.outputFirst(out, -1, dim);
    return graph.toBytes();
  }

  /** Whether {@link #toOnnx} can write this network (with its projection head, if asked). */
  public static boolean exportsToOnnx(
      Architecture architecture, Head head, boolean withProjection) {
    return architecture.weightsLayout() == Architecture.RESNET18
        && (!withProjection || head.isProjection());
  }

  /** Number of trainable values (running batch-norm statistics excluded). */
  public long trainableParameterCount() {
    long count = 0;
    for (Parameter p : getParameters().values()) {
      if (p.requiresGradient()) {
        count += p.getShape().size();
      }
    }
    return count;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray features = features(store, inputs.singletonOrThrow(), training);
    if (head.isProjection()) {
      return new NDList(features, project(store, features, training));
    }
    return new NDList(features);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long batch = inputShapes[0].get(0);
    Shape features = new Shape(batch, architecture.featureDim());
    if (head.isProjection()) {
      return new Shape[] {features, new Shape(batch, head.outputDim())};
    }
    return new Shape[] {features};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape input = inputShapes[0];
    int size = architecture.inputSize();
    if (input.dimension() != 4 || input.get(2) != size || input.get(3) != size) {
      throw new IllegalArgumentException(
          architecture.id() + " takes (N, C, " + size + ", " + size + ") images, not " + input);
    }
    backbone.initialize(manager, dataType, input);
    long batch = input.get(0);
    int featureDim = architecture.featureDim();
    if (head.isProjection()) {
      headBlock.initialize(manager, dataType, new Shape(batch, featureDim));
    } else if (head == Head.PAIR) {
      headBlock.initialize(manager, dataType, new Shape(batch, 2L * featureDim));
    }
  }
}
