package org.facesearch.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A feed-forward network written as an ONNX model: one NCHW float input with a free batch size,
 * constant weights, nodes in the order they run, float outputs. Only the operators facesearch's
 * networks are made of: convolution (batch norm folded in by {@link ConvWeights}), ReLU, addition,
 * max, average and global average pooling, zero padding, flattening and fully connected layers; for
 * int8, quantize-dequantize pairs and convolutions with int8 weights ({@link #convInt8}). Each
 * method returns the name of the value it produced, to feed the next.
 *
 * <p>Why a writer of our own: the file is a few nested protocol-buffers messages, and the networks
 * are built here from DJL parameters, so a protobuf library and ONNX's generated classes would be
 * two dependencies for some hundred lines.
 */
public final class OnnxGraph {
  /** ONNX operator set 13: every operator used here has had its present form since. */
  static final int OPSET = 13;

  /** IR version 7 goes with opset 13. */
  static final int IR_VERSION = 7;

  private static final int FLOAT = 1;
  private static final int UINT8 = 2;
  private static final int INT8 = 3;
  private static final int INT32 = 6;
  private static final int INT64 = 7;
  private static final int ATTR_INT = 2;
  private static final int ATTR_STRING = 3;
  private static final int ATTR_INTS = 7;

  private final String name;
  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final List<ProtoWriter> initializers = new ArrayList<>();
  private final List<ProtoWriter> inputs = new ArrayList<>();
  private final List<ProtoWriter> outputs = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private int counter;

  public OnnxGraph(String name) {
    this.name = name;
  }

  /** A (N, channels, height, width) float input. */
  public String input(String value, int channels, int height, int width) {
    claim(value);
    inputs.add(valueInfo(value, -1, channels, height, width));
    return value;
  }

  /** Declares {@code value} an output of {@code dims} (-1: the batch size). */
  public void output(String value, long... dims) {
    if (!names.contains(value)) {
      throw new IllegalArgumentException("no value named " + value + " in graph " + name);
    }
    outputs.add(valueInfo(value, dims));
  }

  /** {@link #output}, placed before every output declared so far: the one callers read first. */
  public void outputFirst(String value, long... dims) {
    output(value, dims);
    outputs.add(0, outputs.remove(outputs.size() - 1));
  }

  /**
   * A 2-D convolution with bias. {@code pads} are top, left, bottom, right: TensorFlow's "same"
   * padding of a stride-2 convolution pads only the bottom and right.
   */
  public String conv(String x, ConvWeights w, int stride, int[] pads) {
    checkPads(pads);
    String weight =
        constant(w.weight(), w.outChannels(), w.inChannelsPerGroup(), w.kernel(), w.kernel());
    String bias = constant(w.bias(), w.outChannels());
    return convNode(x, weight, bias, w, stride, pads);
  }

  private String convNode(
      String x, String weight, String bias, ConvWeights w, int stride, int[] pads) {
    return node(
        "Conv",
        List.of(x, weight, bias),
        ints("kernel_shape", w.kernel(), w.kernel()),
        ints("strides", stride, stride),
        ints("pads", pads[0], pads[1], pads[2], pads[3]),
        ints("dilations", 1, 1),
        integer("group", w.groups()));
  }

  private static void checkPads(int[] pads) {
    if (pads.length != 4) {
      throw new IllegalArgumentException("pads are top, left, bottom, right: 4 values");
    }
  }

  /**
   * {@code x} rounded to the 256 levels of {@code range} and back (QuantizeLinear to uint8, then
   * DequantizeLinear): where a value is stored in 8 bits. ONNX Runtime fuses such pairs around its
   * operators into their int8 kernels (the "QDQ" form).
   */
  public String fakeQuantize(String x, ActivationRange range) {
    String scale = constant(new float[] {range.scale()});
    String zero = scalar(UINT8, new byte[] {(byte) range.zeroPoint()});
    String q = node("QuantizeLinear", List.of(x, scale, zero));
    return node("DequantizeLinear", List.of(q, scale, zero));
  }

  /**
   * A convolution in QDQ form: weights int8 per output channel ({@code weightLevels} levels either
   * side of zero: 127, or 63 where the CPU's int8 products of u8 and s8 could saturate), the bias
   * int32 in the scale of input times weight, both dequantized into the convolution. {@code x} must
   * come from {@link #fakeQuantize} with {@code input}.
   */
  public String convInt8(
      String x, ActivationRange input, ConvWeights w, int stride, int[] pads, int weightLevels) {
    checkPads(pads);
    if (weightLevels < 1 || weightLevels > 127) {
      throw new IllegalArgumentException("int8 weights have 1 to 127 levels, got " + weightLevels);
    }
    int out = w.outChannels();
    int perChannel = w.weight().length / out;
    float[] scales = new float[out];
    float[] biasScales = new float[out];
    byte[] q = new byte[w.weight().length];
    int[] bias = new int[out];
    for (int o = 0; o < out; o++) {
      float largest = 0;
      for (int i = 0; i < perChannel; i++) {
        largest = Math.max(largest, Math.abs(w.weight()[o * perChannel + i]));
      }
      // A channel whose weights batch norm scaled to almost nothing would get a scale so small
      // that its bias overflowed int32; such a channel's weights round to zero instead.
      double floor = Math.abs(w.bias()[o]) / (input.scale() * (double) (1 << 30));
      scales[o] = (float) Math.max(largest > 0 ? largest / weightLevels : 1.0, floor);
      for (int i = 0; i < perChannel; i++) {
        q[o * perChannel + i] = (byte) Math.round(w.weight()[o * perChannel + i] / scales[o]);
      }
      biasScales[o] = input.scale() * scales[o];
      bias[o] = (int) Math.rint(w.bias()[o] / (double) biasScales[o]);
    }
    long[] shape = {out, w.inChannelsPerGroup(), w.kernel(), w.kernel()};
    String weight =
        node(
            "DequantizeLinear",
            List.of(
                tensor(INT8, q, shape), constant(scales, out), tensor(INT8, new byte[out], out)),
            integer("axis", 0));
    ByteBuffer raw = ByteBuffer.allocate(4 * out).order(ByteOrder.LITTLE_ENDIAN);
    raw.asIntBuffer().put(bias);
    String biasValue =
        node(
            "DequantizeLinear",
            List.of(
                tensor(INT32, raw.array(), out),
                constant(biasScales, out),
                tensor(INT32, new byte[4 * out], out)),
            integer("axis", 0));
    return convNode(x, weight, biasValue, w, stride, pads);
  }

  /** Declares {@code value} an output of unknown shape: for reading a network's insides. */
  public void probe(String value) {
    if (!names.contains(value)) {
      throw new IllegalArgumentException("no value named " + value + " in graph " + name);
    }
    ProtoWriter tensor = new ProtoWriter().varint(1, FLOAT);
    outputs.add(
        new ProtoWriter().string(1, value).message(2, new ProtoWriter().message(1, tensor)));
  }

  public String relu(String x) {
    return node("Relu", List.of(x));
  }

  public String add(String a, String b) {
    return node("Add", List.of(a, b));
  }

  public String maxPool(String x, int kernel, int stride, int pad) {
    return node(
        "MaxPool",
        List.of(x),
        ints("kernel_shape", kernel, kernel),
        ints("strides", stride, stride),
        ints("pads", pad, pad, pad, pad));
  }

  /** Average pooling without padding. */
  public String averagePool(String x, int kernel, int stride) {
    return node(
        "AveragePool",
        List.of(x),
        ints("kernel_shape", kernel, kernel),
        ints("strides", stride, stride),
        ints("pads", 0, 0, 0, 0));
  }

  /** {@code x} followed by as many channels of zeros: (N, C, H, W) to (N, 2C, H, W). */
  public String appendZeroChannels(String x) {
    String zero = constant(new float[] {0}, 1);
    String zeros = node("Mul", List.of(x, zero));
    return node("Concat", List.of(x, zeros), integer("axis", 1));
  }

  /** {@code rows} rows of zeros below and {@code rows} columns to the right. */
  public String padBottomRight(String x, int rows) {
    // Pad's pads input: each axis's start, then each axis's end, of (N, C, H, W).
    String pads = int64Constant(new long[] {0, 0, 0, 0, 0, 0, rows, rows}, 8);
    return node("Pad", List.of(x, pads), string("mode", "constant"));
  }

  /** (N, C, H, W) to (N, C). */
  public String globalAveragePoolFlat(String x) {
    String pooled = node("GlobalAveragePool", List.of(x));
    return node("Flatten", List.of(pooled), integer("axis", 1));
  }

  /** {@code x W^T + b} for (N, in) {@code x}, W (out, in) row-major as DJL and PyTorch hold it. */
  public String linear(String x, float[] weight, float[] bias, int out, int in) {
    String w = constant(weight, out, in);
    String b = constant(bias, out);
    return node("Gemm", List.of(x, w, b), integer("transB", 1));
  }

  /** The model file's bytes. */
  public byte[] toBytes() {
    ProtoWriter graph = new ProtoWriter();
    nodes.forEach(n -> graph.message(1, n));
    graph.string(2, name);
    initializers.forEach(t -> graph.message(5, t));
    inputs.forEach(i -> graph.message(11, i));
    outputs.forEach(o -> graph.message(12, o));
    ProtoWriter opset = new ProtoWriter().string(1, "").varint(2, OPSET);
    return new ProtoWriter()
        .varint(1, IR_VERSION)
        .string(2, "facesearch")
        .message(7, graph)
        .message(8, opset)
        .toByteArray();
  }

  private String constant(float[] values, long... dims) {
    long size = 1;
    for (long d : dims) {
      size *= d;
    }
    if (size != values.length) {
      throw new IllegalArgumentException(
          "a constant of shape "
              + java.util.Arrays.toString(dims)
              + " needs "
              + size
              + " values, not "
              + values.length);
    }
    String value = fresh("w");
    ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    initializers.add(
        new ProtoWriter().varints(1, dims).varint(2, FLOAT).string(8, value).bytes(9, raw.array()));
    return value;
  }

  private String tensor(int type, byte[] raw, long... dims) {
    String value = fresh("w");
    initializers.add(
        new ProtoWriter().varints(1, dims).varint(2, type).string(8, value).bytes(9, raw));
    return value;
  }

  /** A scalar (a tensor without dimensions) of {@code type}. */
  private String scalar(int type, byte[] raw) {
    String value = fresh("w");
    initializers.add(new ProtoWriter().varint(2, type).string(8, value).bytes(9, raw));
    return value;
  }

  private String int64Constant(long[] values, long... dims) {
    String value = fresh("w");
    ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    initializers.add(
        new ProtoWriter().varints(1, dims).varint(2, INT64).string(8, value).bytes(9, raw.array()));
    return value;
  }

  private String node(String op, List<String> in, ProtoWriter... attributes) {
    for (String i : in) {
      if (!names.contains(i)) {
        throw new IllegalArgumentException(op + " reads " + i + ", which nothing produced");
      }
    }
    String out = fresh(op.toLowerCase(java.util.Locale.ROOT));
    ProtoWriter node = new ProtoWriter();
    in.forEach(i -> node.string(1, i));
    node.string(2, out).string(3, out).string(4, op);
    for (ProtoWriter a : attributes) {
      node.message(5, a);
    }
    nodes.add(node);
    return out;
  }

  private String fresh(String prefix) {
    String value;
    do {
      value = prefix + "_" + counter++;
    } while (names.contains(value));
    claim(value);
    return value;
  }

  private void claim(String value) {
    if (!names.add(value)) {
      throw new IllegalArgumentException("graph " + name + " already has a value named " + value);
    }
  }

  private static ProtoWriter ints(String attribute, long... values) {
    return new ProtoWriter().string(1, attribute).varint(20, ATTR_INTS).varints(8, values);
  }

  private static ProtoWriter string(String attribute, String value) {
    return new ProtoWriter().string(1, attribute).varint(20, ATTR_STRING).string(4, value);
  }

  private static ProtoWriter integer(String attribute, long value) {
    return new ProtoWriter().string(1, attribute).varint(20, ATTR_INT).varint(3, value);
  }

  /** ValueInfoProto of a float tensor; a dimension of -1 is the symbolic batch size "N". */
  private static ProtoWriter valueInfo(String value, long... dims) {
    ProtoWriter shape = new ProtoWriter();
    for (long d : dims) {
      shape.message(1, d < 0 ? new ProtoWriter().string(2, "N") : new ProtoWriter().varint(1, d));
    }
    ProtoWriter tensor = new ProtoWriter().varint(1, FLOAT).message(2, shape);
    return new ProtoWriter().string(1, value).message(2, new ProtoWriter().message(1, tensor));
  }
}
