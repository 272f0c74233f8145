package org.facesearch.model.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.model.onnx.ConvWeights;
import org.facesearch.model.onnx.OnnxGraph;

/**
 * dlib's face-recognition ResNet ({@code dlib_face_recognition_resnet_model_v1}): a 150x150 RGB
 * face to a 128-d descriptor, as ported to TensorFlow.js by face-api.js. 29 convolutions:
 *
 * <ul>
 *   <li>stem: 7x7/2 convolution to 32 channels, ReLU, 3x3/2 max-pool (150 -> 72 -> 35);
 *   <li>residual units of two 3x3 convolutions (ReLU after the first, after the sum): three at 32
 *       channels, a down unit and three at 64, a down unit and two at 128, a down unit and two at
 *       256, and a last down unit at 256 (35 -> 17 -> 8 -> 3 -> 1);
 *   <li>global average pool, then a 256 -> 128 linear map without bias.
 * </ul>
 *
 * <p>dlib pads only stride-1 convolutions (by half the kernel); its stride-2 convolutions and pools
 * take no padding, so every down-sampling here is "valid". A down unit's shortcut is a 2x2/2
 * average pool of its input, padded with zero channels to the new width; where the convolutions
 * come out a row and column smaller than the pooled shortcut (8 -> 3 against 4, 4 -> 1 against 2),
 * dlib adds the smaller tensor into the top-left of the larger, so the convolution output is padded
 * with zeros at the bottom and right.
 *
 * <p>Each convolution of the original is followed by a per-channel affine "scale" layer (dlib's
 * batch norm, frozen). {@link #load} folds it into the convolution's filters and bias, which gives
 * the same outputs with two fewer element-wise passes per convolution.
 */
public final class DlibResNet extends AbstractBlock {
  public static final int INPUT_SIZE = 150;
  public static final int EMBEDDING_DIM = 128;

  private static final byte VERSION = 1;
  private static final int FEATURES = 256;

  private final Conv2d stem;
  private final List<Residual> units = new ArrayList<>();
  private final Linear fc;

  public DlibResNet() {
    super(VERSION);
    stem = addChildBlock("conv32_down", conv(32, 7, 2));
    addUnits("conv32", 32, false, 3);
    addUnits("conv64", 64, true, 3);
    addUnits("conv128", 128, true, 2);
    addUnits("conv256", 256, true, 2);
    units.add(addChildBlock("conv256_down_out", new Residual("conv256_down_out", 256, true)));
    fc = addChildBlock("fc", Linear.builder().setUnits(EMBEDDING_DIM).optBias(false).build());
  }

  /** {@code down} adds a down unit {@code <prefix>_down} before the {@code count} plain ones. */
  private void addUnits(String prefix, int channels, boolean down, int count) {
    if (down) {
      String name = prefix + "_down";
      units.add(addChildBlock(name, new Residual(name, channels, true)));
    }
    for (int i = 1; i <= count; i++) {
      String name = prefix + "_" + i;
      units.add(addChildBlock(name, new Residual(name, channels, false)));
    }
  }

  /** Allocates the parameters (random until {@link #load}) for (N, 3, 150, 150) inputs. */
  public void initialize(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1, 3, INPUT_SIZE, INPUT_SIZE));
  }

  /**
   * Copies every tensor of face-api.js's {@code face_recognition_model} into this (initialised)
   * network: filters from HWIO to OIHW with the scale layer folded in, the linear map from (in,
   * out) to (out, in). Every tensor of {@code weights} must be used exactly once.
   *
   * @throws InvalidReferenceWeightsException when a tensor is missing, misshapen or left over
   */
  public void load(TfjsWeights weights) {
    if (!isInitialized()) {
      throw new IllegalStateException("initialise the network before loading its weights");
    }
    loadConv(weights, "conv32_down", stem);
    for (Residual unit : units) {
      loadConv(weights, unit.name + "/conv1", unit.conv1);
      loadConv(weights, unit.name + "/conv2", unit.conv2);
    }
    TfjsWeights.Tensor linear = weights.take("fc", FEATURES, EMBEDDING_DIM);
    float[] transposed = new float[FEATURES * EMBEDDING_DIM];
    for (int i = 0; i < FEATURES; i++) {
      for (int o = 0; o < EMBEDDING_DIM; o++) {
        transposed[o * FEATURES + i] = linear.values()[i * EMBEDDING_DIM + o];
      }
    }
    TfjsWeights.copyInto(fc.getParameters().get("weight"), transposed, linear.name());
    weights.requireAllTaken();
  }

  private static void loadConv(TfjsWeights weights, String prefix, Conv2d conv) {
    Parameter weight = conv.getParameters().get("weight");
    int out = Math.toIntExact(weight.getShape().get(0));
    int in = Math.toIntExact(weight.getShape().get(1));
    int k = Math.toIntExact(weight.getShape().get(2));
    float[] filters = weights.take(prefix + "/conv/filters", k, k, in, out).values();
    float[] bias = weights.take(prefix + "/conv/bias", out).values();
    float[] scale = weights.take(prefix + "/scale/weights", out).values();
    float[] shift = weights.take(prefix + "/scale/biases", out).values();
    // (conv(x, W) + b) * s + t == conv(x, W * s) + (b * s + t), channel by channel.
    float[] folded = new float[filters.length];
    for (int y = 0; y < k; y++) {
      for (int x = 0; x < k; x++) {
        for (int i = 0; i < in; i++) {
          for (int o = 0; o < out; o++) {
            folded[((o * in + i) * k + y) * k + x] =
                filters[((y * k + x) * in + i) * out + o] * scale[o];
          }
        }
      }
    }
    float[] foldedBias = new float[out];
    for (int o = 0; o < out; o++) {
      foldedBias[o] = bias[o] * scale[o] + shift[o];
    }
    TfjsWeights.copyInto(weight, folded, prefix + "/conv/filters");
    TfjsWeights.copyInto(conv.getParameters().get("bias"), foldedBias, prefix + "/conv/bias");
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = stem.forward(store, inputs, training).singletonOrThrow();
    x =
        Pool.maxPool2d(
            Activation.relu(x), new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false);
    NDList out = new NDList(x);
    for (Residual unit : units) {
      out = unit.forward(store, out, training);
    }
    NDArray pooled = Pool.globalAvgPool2d(out.singletonOrThrow());
    return fc.forward(store, new NDList(pooled), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), EMBEDDING_DIM)};
  }

  /**
   * The loaded network as an ONNX graph: (N, 3, 150, 150) in, the (N, 128) descriptor out as {@link
   * #forward} computes it, for an inference runtime other than PyTorch.
   */
  public byte[] toOnnx() {
    OnnxGraph graph = new OnnxGraph("dlib-resnet");
    String x = graph.input("image", 3, INPUT_SIZE, INPUT_SIZE);
    x = graph.maxPool(graph.relu(onnxConv(graph, x, stem)), 3, 2, 0);
    long size = (((INPUT_SIZE - 7) / 2 + 1) - 3) / 2 + 1;
    int width = 32;
    for (Residual unit : units) {
      x = unit.onnx(graph, x, size, width);
      size = unit.getOutputShapes(new Shape[] {new Shape(1, width, size, size)})[0].get(2);
      width = unit.channels;
    }
    x = graph.globalAveragePoolFlat(x);
    float[] weight = fc.getParameters().get("weight").getArray().toFloatArray();
    x = graph.linear(x, weight, new float[EMBEDDING_DIM], EMBEDDING_DIM, FEATURES);
    graph.output(x, -1, EMBEDDING_DIM);
    return graph.toBytes();
  }

  private static String onnxConv(OnnxGraph graph, String x, Conv2d conv) {
    var params = conv.getParameters();
    float[] weight = params.get("weight").getArray().toFloatArray();
    int out = conv.getFilters();
    int kernel = (int) conv.getKernelShape().get(0);
    int stride = (int) conv.getStride().get(0);
    int pad = (int) conv.getPadding().get(0);
    return graph.conv(
        x,
        ConvWeights.of(
            weight,
            params.get("bias").getArray().toFloatArray(),
            out,
            weight.length / (out * kernel * kernel),
            kernel,
            1),
        stride,
        new int[] {pad, pad, pad, pad});
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape input = inputShapes[0];
    if (input.dimension() != 4
        || input.get(1) != 3
        || input.get(2) != INPUT_SIZE
        || input.get(3) != INPUT_SIZE) {
      throw new IllegalArgumentException(
          "dlib's ResNet takes (N, 3, "
              + INPUT_SIZE
              + ", "
              + INPUT_SIZE
              + ") images, not "
              + input);
    }
    stem.initialize(manager, dataType, input);
    Shape s = stem.getOutputShapes(new Shape[] {input})[0];
    // The max-pool: 3x3, stride 2, no padding.
    Shape shape = new Shape(s.get(0), s.get(1), (s.get(2) - 3) / 2 + 1, (s.get(3) - 3) / 2 + 1);
    for (Residual unit : units) {
      unit.initialize(manager, dataType, shape);
      shape = unit.getOutputShapes(new Shape[] {shape})[0];
    }
    fc.initialize(manager, dataType, new Shape(shape.get(0), shape.get(1)));
  }

  /** A convolution with stride-1 "same" padding, or none at stride 2 (as dlib pads). */
  private static Conv2d conv(int filters, int kernel, int stride) {
    int pad = stride == 1 ? kernel / 2 : 0;
    return Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .setFilters(filters)
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .build();
  }

  /** Two 3x3 convolutions and a shortcut; a down unit halves the size (may double the width). */
  private static final class Residual extends AbstractBlock {
    private final String name;
    private final int channels;
    private final boolean down;
    private final Conv2d conv1;
    private final Conv2d conv2;

    Residual(String name, int channels, boolean down) {
      super(VERSION);
      this.name = name;
      this.channels = channels;
      this.down = down;
      this.conv1 = addChildBlock("conv1", conv(channels, 3, down ? 2 : 1));
      this.conv2 = addChildBlock("conv2", conv(channels, 3, 1));
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      NDArray out = Activation.relu(conv1.forward(store, inputs, training).singletonOrThrow());
      out = conv2.forward(store, new NDList(out), training).singletonOrThrow();
      NDArray shortcut = x;
      if (down) {
        shortcut =
            Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
        if (shortcut.getShape().get(1) < channels) {
          shortcut = shortcut.concat(shortcut.zerosLike(), 1);
        }
        long missing = shortcut.getShape().get(2) - out.getShape().get(2);
        if (missing > 0) {
          // (left, right, top, bottom) of the last two axes: zeros below and to the right.
          out = out.pad(new Shape(0, missing, 0, missing), 0);
        }
      }
      return new NDList(Activation.relu(out.add(shortcut)));
    }

    /** As {@link #forwardInternal}, for an input of {@code size} and {@code width} channels. */
    String onnx(OnnxGraph graph, String x, long size, int width) {
      String out = onnxConv(graph, graph.relu(onnxConv(graph, x, conv1)), conv2);
      String shortcut = x;
      if (down) {
        shortcut = graph.averagePool(x, 2, 2);
        if (width < channels) {
          shortcut = graph.appendZeroChannels(shortcut);
        }
        long missing = size / 2 - ((size - 3) / 2 + 1);
        if (missing > 0) {
          out = graph.padBottomRight(out, (int) missing);
        }
      }
      return graph.relu(graph.add(out, shortcut));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      Shape in = inputShapes[0];
      // A stride-2 valid 3x3 convolution gives (n - 3) / 2 + 1; the pooled shortcut n / 2, the
      // larger of the two (the sum takes the larger size).
      long size = down ? Math.max((in.get(2) - 3) / 2 + 1, in.get(2) / 2) : in.get(2);
      return new Shape[] {new Shape(in.get(0), channels, size, size)};
    }

    @Override
    protected void initializeChildBlocks(
        NDManager manager, DataType dataType, Shape... inputShapes) {
      conv1.initialize(manager, dataType, inputShapes[0]);
      Shape mid = conv1.getOutputShapes(inputShapes)[0];
      conv2.initialize(manager, dataType, mid);
    }
  }
}
