package org.facesearch.model.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
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
 * face-api.js's 68-point face landmark network ({@code face_landmark_68_model}): a 112x112 RGB face
 * box to 68 (x, y) points, each a fraction of the box's side, in the iBUG 300-W order (jaw 0..16,
 * eyebrows 17..26, nose 27..35, eyes 36..47, lips 48..67).
 *
 * <ul>
 *   <li>four dense blocks of 32, 64, 128 and 256 channels, each halving the size (112 -> 56 -> 28
 *       -> 14 -> 7). A block's first convolution strides by 2 (a plain 3x3 convolution in the first
 *       block, a depthwise-separable one after); three stride-1 depthwise-separable convolutions
 *       follow, each fed the ReLU of the sum of every output before it in the block, and the block
 *       returns the ReLU of the sum of all four;
 *   <li>a 7x7 average pool (global here) and a 256 -> 136 linear map.
 * </ul>
 *
 * <p>TensorFlow's "same" padding on a stride-2 3x3 convolution of an even size pads one row and
 * column at the bottom and right only; that is done explicitly before an unpadded convolution, as
 * PyTorch's symmetric padding would move every point by a pixel. Inputs are {@code (p - mean RGB) /
 * 255} on 0..255 pixels, dlib's mean RGB.
 */
public final class FaceLandmark68Net extends AbstractBlock {
  public static final int INPUT_SIZE = 112;
  public static final int POINTS = 68;

  private static final byte VERSION = 1;
  private static final int[] WIDTHS = {32, 64, 128, 256};

  private final List<DenseBlock> blocks = new ArrayList<>();
  private final Linear fc;

  public FaceLandmark68Net() {
    super(VERSION);
    int in = 3;
    for (int i = 0; i < WIDTHS.length; i++) {
      String name = "dense" + i;
      blocks.add(addChildBlock(name, new DenseBlock(name, in, WIDTHS[i], i == 0)));
      in = WIDTHS[i];
    }
    fc = addChildBlock("fc", Linear.builder().setUnits(2 * POINTS).build());
  }

  /** Allocates the parameters (random until {@link #load}) for (N, 3, 112, 112) inputs. */
  public void initialize(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1, 3, INPUT_SIZE, INPUT_SIZE));
  }

  /**
   * Copies every tensor of face-api.js's {@code face_landmark_68_model} into this (initialised)
   * network. Every tensor of {@code weights} must be used exactly once.
   *
   * @throws InvalidReferenceWeightsException when a tensor is missing, misshapen or left over
   */
  public void load(TfjsWeights weights) {
    if (!isInitialized()) {
      throw new IllegalStateException("initialise the network before loading its weights");
    }
    for (DenseBlock block : blocks) {
      block.load(weights);
    }
    int features = WIDTHS[WIDTHS.length - 1];
    TfjsWeights.Tensor linear = weights.take("fc/weights", features, 2 * POINTS);
    float[] transposed = new float[features * 2 * POINTS];
    for (int i = 0; i < features; i++) {
      for (int o = 0; o < 2 * POINTS; o++) {
        transposed[o * features + i] = linear.values()[i * 2 * POINTS + o];
      }
    }
    TfjsWeights.copyInto(fc.getParameters().get("weight"), transposed, linear.name());
    TfjsWeights.copyInto(
        fc.getParameters().get("bias"), weights.take("fc/bias", 2 * POINTS).values(), "fc/bias");
    weights.requireAllTaken();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = inputs;
    for (DenseBlock block : blocks) {
      x = block.forward(store, x, training);
    }
    NDArray pooled = Pool.globalAvgPool2d(x.singletonOrThrow());
    return fc.forward(store, new NDList(pooled), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 2 * POINTS)};
  }

  /**
   * The loaded network as an ONNX graph: (N, 3, 112, 112) in, (N, 136) out, as {@link #forward}
   * computes it, for an inference runtime other than PyTorch.
   */
  public byte[] toOnnx() {
    OnnxGraph graph = new OnnxGraph("face-landmark-68");
    String x = graph.input("image", 3, INPUT_SIZE, INPUT_SIZE);
    for (DenseBlock block : blocks) {
      x = block.onnx(graph, x);
    }
    x = graph.globalAveragePoolFlat(x);
    var fcParams = fc.getParameters();
    x =
        graph.linear(
            x,
            fcParams.get("weight").getArray().toFloatArray(),
            fcParams.get("bias").getArray().toFloatArray(),
            2 * POINTS,
            WIDTHS[WIDTHS.length - 1]);
    graph.output(x, -1, 2 * POINTS);
    return graph.toBytes();
  }

  /** TensorFlow's "same" padding of a stride-2 3x3 convolution: bottom and right only. */
  private static final int[] SAME_STRIDE_2 = {0, 0, 1, 1};

  private static String onnxConv(OnnxGraph graph, String x, Conv2d conv, int stride) {
    var params = conv.getParameters();
    float[] weight = params.get("weight").getArray().toFloatArray();
    float[] bias = conv.isIncludeBias() ? params.get("bias").getArray().toFloatArray() : null;
    int out = conv.getFilters();
    int kernel = (int) conv.getKernelShape().get(0);
    int pad = stride == 1 ? kernel / 2 : 0;
    int[] pads = stride == 2 ? SAME_STRIDE_2 : new int[] {pad, pad, pad, pad};
    return graph.conv(
        x,
        ConvWeights.of(
            weight, bias, out, weight.length / (out * kernel * kernel), kernel, conv.getGroups()),
        stride,
        pads);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape input = inputShapes[0];
    if (input.dimension() != 4
        || input.get(1) != 3
        || input.get(2) != INPUT_SIZE
        || input.get(3) != INPUT_SIZE) {
      throw new IllegalArgumentException(
          "the landmark network takes (N, 3, "
              + INPUT_SIZE
              + ", "
              + INPUT_SIZE
              + ") images, not "
              + input);
    }
    Shape shape = input;
    for (DenseBlock block : blocks) {
      block.initialize(manager, dataType, shape);
      shape = block.getOutputShapes(new Shape[] {shape})[0];
    }
    fc.initialize(manager, dataType, new Shape(shape.get(0), shape.get(1)));
  }

  /** TensorFlow's "same" for a stride-2 3x3 convolution of an even size: one more row, column. */
  private static NDArray padForStride2(NDArray x) {
    return x.pad(new Shape(0, 1, 0, 1), 0);
  }

  private static Conv2d conv(int filters, int kernel, int stride, int groups, boolean bias) {
    int pad = stride == 1 ? kernel / 2 : 0;
    return Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .setFilters(filters)
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .optGroups(groups)
        .optBias(bias)
        .build();
  }

  /** A 3x3 depthwise convolution (no bias) then a 1x1 pointwise one with bias. */
  private static final class SeparableConv extends AbstractBlock {
    private final String name;
    private final int in;
    private final int out;
    private final int stride;
    private final Conv2d depthwise;
    private final Conv2d pointwise;

    SeparableConv(String name, int in, int out, int stride) {
      super(VERSION);
      this.name = name;
      this.in = in;
      this.out = out;
      this.stride = stride;
      depthwise = addChildBlock("depthwise", conv(in, 3, stride, in, false));
      pointwise = addChildBlock("pointwise", conv(out, 1, 1, 1, true));
    }

    String onnx(OnnxGraph graph, String x) {
      return onnxConv(graph, onnxConv(graph, x, depthwise, stride), pointwise, 1);
    }

    void load(TfjsWeights weights) {
      float[] dw = weights.take(name + "/depthwise_filter", 3, 3, in, 1).values();
      float[] depth = new float[dw.length];
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 3; x++) {
          for (int c = 0; c < in; c++) {
            // HWC1 to C1HW.
            depth[(c * 3 + y) * 3 + x] = dw[(y * 3 + x) * in + c];
          }
        }
      }
      TfjsWeights.copyInto(
          depthwise.getParameters().get("weight"), depth, name + "/depthwise_filter");
      float[] pw = weights.take(name + "/pointwise_filter", 1, 1, in, out).values();
      float[] point = new float[pw.length];
      for (int i = 0; i < in; i++) {
        for (int o = 0; o < out; o++) {
          point[o * in + i] = pw[i * out + o];
        }
      }
      TfjsWeights.copyInto(
          pointwise.getParameters().get("weight"), point, name + "/pointwise_filter");
      TfjsWeights.copyInto(
          pointwise.getParameters().get("bias"),
          weights.take(name + "/bias", out).values(),
          name + "/bias");
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      if (stride == 2) {
        x = padForStride2(x);
      }
      NDList mid = depthwise.forward(store, new NDList(x), training);
      return pointwise.forward(store, mid, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      Shape s = inputShapes[0];
      return new Shape[] {new Shape(s.get(0), out, s.get(2) / stride, s.get(3) / stride)};
    }

    @Override
    protected void initializeChildBlocks(
        NDManager manager, DataType dataType, Shape... inputShapes) {
      Shape s = inputShapes[0];
      Shape padded = stride == 2 ? new Shape(s.get(0), s.get(1), s.get(2) + 1, s.get(3) + 1) : s;
      depthwise.initialize(manager, dataType, padded);
      Shape mid = depthwise.getOutputShapes(new Shape[] {padded})[0];
      pointwise.initialize(manager, dataType, mid);
    }
  }

  /** One dense block: a stride-2 convolution and three densely connected separable ones. */
  private static final class DenseBlock extends AbstractBlock {
    private final String name;
    private final int in;
    private final int out;
    private final boolean first;
    private final Conv2d plain;
    private final SeparableConv down;
    private final List<SeparableConv> convs = new ArrayList<>();

    DenseBlock(String name, int in, int out, boolean first) {
      super(VERSION);
      this.name = name;
      this.in = in;
      this.out = out;
      this.first = first;
      if (first) {
        plain = addChildBlock("conv0", conv(out, 3, 2, 1, true));
        down = null;
      } else {
        plain = null;
        down = addChildBlock("conv0", new SeparableConv(name + "/conv0", in, out, 2));
      }
      for (int i = 1; i <= 3; i++) {
        convs.add(addChildBlock("conv" + i, new SeparableConv(name + "/conv" + i, out, out, 1)));
      }
    }

    /** As {@link #forwardInternal}: each convolution reads the ReLU of the running sum. */
    String onnx(OnnxGraph graph, String x) {
      String sum = graph.relu(first ? onnxConv(graph, x, plain, 2) : down.onnx(graph, x));
      String input = sum;
      for (SeparableConv conv : convs) {
        sum = graph.add(sum, conv.onnx(graph, input));
        input = graph.relu(sum);
      }
      return input;
    }

    void load(TfjsWeights weights) {
      if (first) {
        float[] filters = weights.take(name + "/conv0/filters", 3, 3, in, out).values();
        float[] oihw = new float[filters.length];
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 3; x++) {
            for (int i = 0; i < in; i++) {
              for (int o = 0; o < out; o++) {
                oihw[((o * in + i) * 3 + y) * 3 + x] = filters[((y * 3 + x) * in + i) * out + o];
              }
            }
          }
        }
        TfjsWeights.copyInto(plain.getParameters().get("weight"), oihw, name + "/conv0/filters");
        TfjsWeights.copyInto(
            plain.getParameters().get("bias"),
            weights.take(name + "/conv0/bias", out).values(),
            name + "/conv0/bias");
      } else {
        down.load(weights);
      }
      for (SeparableConv conv : convs) {
        conv.load(weights);
      }
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      NDArray sum =
          Activation.relu(
              first
                  ? plain.forward(store, new NDList(padForStride2(x)), training).singletonOrThrow()
                  : down.forward(store, inputs, training).singletonOrThrow());
      // Each convolution sees the ReLU of the sum of everything before it in the block.
      NDArray input = sum;
      for (SeparableConv conv : convs) {
        sum = sum.add(conv.forward(store, new NDList(input), training).singletonOrThrow());
        input = Activation.relu(sum);
      }
      return new NDList(input);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      Shape s = inputShapes[0];
      return new Shape[] {new Shape(s.get(0), out, s.get(2) / 2, s.get(3) / 2)};
    }

    @Override
    protected void initializeChildBlocks(
        NDManager manager, DataType dataType, Shape... inputShapes) {
      Shape s = inputShapes[0];
      if (first) {
        Shape padded = new Shape(s.get(0), s.get(1), s.get(2) + 1, s.get(3) + 1);
        plain.initialize(manager, dataType, padded);
      } else {
        down.initialize(manager, dataType, s);
      }
      Shape mid = new Shape(s.get(0), out, s.get(2) / 2, s.get(3) / 2);
      for (SeparableConv conv : convs) {
        conv.initialize(manager, dataType, mid);
      }
    }
  }
}
