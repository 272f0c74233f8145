package org.facesearch.model.onnx;

import static org.bytedeco.opencv.global.opencv_dnn.DNN_BACKEND_OPENCV;
import static org.bytedeco.opencv.global.opencv_dnn.DNN_TARGET_CPU;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromONNX;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * An exported network ({@link OnnxGraph}) run by OpenCV's DNN module on the CPU, in fp32: (N, C, H,
 * W) floats in, (N, D) floats out.
 *
 * <p>Why OpenCV and not PyTorch for inference on a CPU: OpenCV fuses each convolution with its
 * ReLU, keeps the weights packed for its kernels between passes and runs a small graph without
 * PyTorch's per-operator dispatch. For the default model (ResNet-18 at 96x96) one pass of a face
 * and its mirror took 0.6x PyTorch's time on 2 AVX2 cores, with the same outputs to rounding
 * (bench/OnnxSpeedProbe.java); the gap is largest for the small batches of a query.
 *
 * <p>Thread-safety: an OpenCV {@code Net} is not, so {@link #run} is synchronised; a pass spreads
 * over OpenCV's own thread pool ({@code cv::setNumThreads}).
 */
public final class OpenCvNetwork implements AutoCloseable {
  private final String what;
  private final int channels;
  private final int height;
  private final int width;
  private final int outputDim;
  private Net net;

  private OpenCvNetwork(String what, Net net, int channels, int height, int width, int outputDim) {
    this.what = what;
    this.net = net;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.outputDim = outputDim;
  }

  /**
   * Loads an ONNX model that takes (N, channels, height, width) and returns (N, outputDim).
   *
   * @param what names the network in messages
   * @throws InferenceRuntimeException when OpenCV cannot read or run it
   */
  public static OpenCvNetwork load(
      String what, byte[] onnx, int channels, int height, int width, int outputDim) {
    Net net;
    try {
      net = readNetFromONNX(onnx);
    } catch (RuntimeException e) {
      throw new InferenceRuntimeException(
          "OpenCV cannot read the ONNX export of " + what + ": " + e.getMessage(), e);
    }
    if (net == null || net.isNull() || net.empty()) {
      throw new InferenceRuntimeException(
          "OpenCV read an empty network from " + what + "'s export");
    }
    net.setPreferableBackend(DNN_BACKEND_OPENCV);
    net.setPreferableTarget(DNN_TARGET_CPU);
    OpenCvNetwork network = new OpenCvNetwork(what, net, channels, height, width, outputDim);
    // One pass now: OpenCV plans its layers (fusions, packed weights) on the first, and a bad
    // export should fail here, not on a user's first query.
    network.run(new float[channels * height * width], 1);
    return network;
  }

  /** The length of each output row. */
  public int outputDim() {
    return outputDim;
  }

  /**
   * One forward pass over {@code n} images, {@code nchw} holding them one after another: the
   * outputs, row after row.
   */
  public synchronized float[] run(float[] nchw, int n) {
    if (net == null) {
      throw new IllegalStateException(what + " is closed");
    }
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
    try (IntPointer dims = new IntPointer(n, channels, height, width);
        Mat blob = new Mat(4, dims, opencv_core.CV_32F)) {
      try (FloatPointer in = new FloatPointer(blob.data())) {
        in.put(nchw);
      }
      net.setInput(blob);
      try (Mat out = net.forward()) {
        if (out.total() != (long) n * outputDim) {
          throw new InferenceRuntimeException(
              what
                  + " returned "
                  + out.total()
                  + " values for "
                  + n
                  + " images, not "
                  + ((long) n * outputDim));
        }
        float[] y = new float[n * outputDim];
        try (FloatPointer result = new FloatPointer(out.data())) {
          result.get(y);
        }
        return y;
      }
    } catch (RuntimeException e) {
      if (e instanceof InferenceRuntimeException || e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new InferenceRuntimeException(
          "OpenCV failed to run " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (net != null) {
      net.close();
      net = null;
    }
  }
}
