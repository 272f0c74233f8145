package org.facesearch.model.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An exported network ({@link OnnxGraph}) run by ONNX Runtime on the CPU, in fp32: (N, C, H, W)
 * floats in, (N, D) floats out.
 *
 * <p>Why ONNX Runtime and not PyTorch for inference on a CPU: it plans the graph once (batch norm
 * already folded, each convolution fused with its ReLU and run on pre-packed weights) instead of
 * dispatching operator by operator, and below 16 images PyTorch runs the late 3x3 convolutions on
 * its reference kernel. For the default model (ResNet-18 at 96x96) on 2 AVX2 cores a pass of a face
 * and its mirror took 17.0 ms against PyTorch's 27.6, a pass of 64 faces 300 ms against 574, with
 * outputs at cosine 1.0000000 to PyTorch's (bench/OnnxSpeedProbe.java, BENCHMARKS section 3).
 * OpenCV's DNN module, which facesearch ships for BlazeFace, was as fast for one query (14.7 ms)
 * but not for batches (455 ms).
 *
 * <p>Every network shares one process-wide pool of intra-op threads, as many as PyTorch's (its
 * {@code ai.djl.pytorch.num_threads} property when set before the first network loads, else the
 * cores), and its threads do not spin-wait between passes: spinning won nothing here and took the
 * cores from the query's other stages. Thread-safe: ONNX Runtime sessions take concurrent passes.
 */
public final class OnnxNetwork implements AutoCloseable {
  private static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

  private final String what;
  private final int channels;
  private final int height;
  private final int width;
  private final int outputDim;
  private final OrtSession session;
  private final String input;

  private OnnxNetwork(
      String what, OrtSession session, int channels, int height, int width, int outputDim) {
    this.what = what;
    this.session = session;
    this.input = session.getInputNames().iterator().next();
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.outputDim = outputDim;
  }

  /**
   * Loads an ONNX model that takes (N, channels, height, width) and returns (N, outputDim).
   *
   * @param what names the network in messages
   * @throws InferenceRuntimeException when ONNX Runtime cannot load or run it
   */
  public static OnnxNetwork load(
      String what, byte[] onnx, int channels, int height, int width, int outputDim) {
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.disablePerSessionThreads();
      session = Environment.INSTANCE.createSession(onnx, options);
    } catch (OrtException | RuntimeException e) {
      throw new InferenceRuntimeException(
          "ONNX Runtime cannot load the export of " + what + ": " + e.getMessage(), e);
    } catch (LinkageError e) {
      // Its native library would not load on this machine (the first use, or any use after).
      throw new InferenceRuntimeException(
          "ONNX Runtime's native library does not load here (" + e + ")", e);
    }
    OnnxNetwork network = new OnnxNetwork(what, session, channels, height, width, outputDim);
    try {
      // One pass now: a bad export should fail here, not on a user's first query.
      network.run(new float[channels * height * width], 1);
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
    return network;
  }

  /**
   * The smallest and largest value of each output after the first, over passes of {@code batches}
   * ((N, channels, height, width) each, N from its length): the ranges an int8 export's stored
   * activations must hold, read off a probed export ({@code FaceNetwork.toOnnxProbed}).
   *
   * @return {@code [output - 1][0: min, 1: max]}
   * @throws InferenceRuntimeException when ONNX Runtime cannot load or run it
   */
  public static double[][] outputRanges(
      String what, byte[] onnx, int channels, int height, int width, Iterable<float[]> batches) {
    OrtEnvironment env = Environment.INSTANCE;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.disablePerSessionThreads();
      try (OrtSession session = env.createSession(onnx, options)) {
        String in = session.getInputNames().iterator().next();
        int outputs = (int) session.getNumOutputs() - 1;
        double[][] ranges = new double[outputs][];
        for (int o = 0; o < outputs; o++) {
          ranges[o] = new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        }
        int image = channels * height * width;
        for (float[] batch : batches) {
          if (batch.length == 0 || batch.length % image != 0) {
            throw new IllegalArgumentException(
                what + " takes " + channels + "x" + height + "x" + width + " images");
          }
          try (OnnxTensor tensor =
                  OnnxTensor.createTensor(
                      env,
                      FloatBuffer.wrap(batch),
                      new long[] {batch.length / image, channels, height, width});
              OrtSession.Result result = session.run(Map.of(in, tensor))) {
            for (int o = 0; o < outputs; o++) {
              FloatBuffer values = ((OnnxTensor) result.get(o + 1)).getFloatBuffer();
              double lo = ranges[o][0];
              double hi = ranges[o][1];
              while (values.hasRemaining()) {
                float v = values.get();
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
              }
              ranges[o][0] = lo;
              ranges[o][1] = hi;
            }
          }
        }
        return ranges;
      }
    } catch (OrtException e) {
      throw new InferenceRuntimeException(
          "ONNX Runtime failed to run " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * One forward pass over {@code n} images, {@code nchw} holding them one after another: the
   * outputs, row after row.
   */
  public float[] run(float[] nchw, int n) {
    if (n < 1 || nchw.length != n * channels * height * width) {
      throw new IllegalArgumentException(
          what
              + " takes "
              + channels
              + "x"
              + height
              + "x"
              + width
              + " images; got "
              + nchw.length
              + " values for "
              + n);
    }
    OrtEnvironment env = Environment.INSTANCE;
    try (OnnxTensor in =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(nchw), new long[] {n, channels, height, width});
        OrtSession.Result result = session.run(Map.of(input, in))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      if (out.remaining() != n * outputDim) {
        throw new InferenceRuntimeException(
            what
                + " returned "
                + out.remaining()
                + " values for "
                + n
                + " images, not "
                + ((long) n * outputDim));
      }
      float[] y = new float[n * outputDim];
      out.get(y);
      return y;
    } catch (OrtException | IllegalStateException e) {
      throw new InferenceRuntimeException(
          "ONNX Runtime failed to run " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new InferenceRuntimeException("ONNX Runtime could not close " + what, e);
    }
  }

  /** The process's one ONNX Runtime environment, made on first use with its shared thread pool. */
  private static final class Environment {
    static final OrtEnvironment INSTANCE = create();

    private static OrtEnvironment create() {
      int threads = Runtime.getRuntime().availableProcessors();
      String configured = System.getProperty(THREADS_PROPERTY);
      if (configured != null && !configured.isBlank()) {
        threads = Integer.parseInt(configured.trim());
      }
      try (OrtEnvironment.ThreadingOptions threading = new OrtEnvironment.ThreadingOptions()) {
        threading.setGlobalIntraOpNumThreads(threads);
        threading.setGlobalInterOpNumThreads(1);
        threading.setGlobalSpinControl(false);
        return OrtEnvironment.getEnvironment(
            OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "facesearch", threading);
      } catch (OrtException e) {
        throw new InferenceRuntimeException("ONNX Runtime could not start: " + e.getMessage(), e);
      }
    }
  }
}
