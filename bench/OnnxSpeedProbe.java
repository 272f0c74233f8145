import static org.bytedeco.opencv.global.opencv_dnn.*;

import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.nio.file.*;
import java.util.*;
import org.bytedeco.javacpp.*;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.*;
import org.facesearch.model.onnx.OnnxNetwork;

/**
 * A bundle's network in PyTorch (DJL), and from its ONNX export in ONNX Runtime (the product's
 * {@code OnnxNetwork}) and OpenCV's DNN module, side by side: the worst cosine of each export's
 * outputs against PyTorch's and the wall milliseconds per pass (alternating rounds after a
 * warm-up), at one batch size and thread count.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
 *     -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')cli/target/facesearch-cli.jar" \
 *     bench/OnnxSpeedProbe.java models/default BATCH ROUNDS THREADS
 * </pre>
 */
public class OnnxSpeedProbe {
  public static void main(String[] args) throws Exception {
    TorchRuntime runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    int threads = Integer.parseInt(args[3]);
    runtime.setIntraOpThreads(threads); // before the first OnnxNetwork: its pool takes the count
    opencv_core.setNumThreads(threads);
    ModelBundle bundle = ModelBundle.open(Path.of(args[0]));
    int batch = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    int size = bundle.metadata().spec().input().size();
    int channels = bundle.metadata().spec().input().channels();
    NDManager manager = runtime.newManager();
    FaceNetwork net = bundle.loadNetwork(manager);
    long t0 = System.nanoTime();
    byte[] onnx = net.toOnnx(channels, true);
    System.out.printf("export: %.1f ms, %d bytes%n", (System.nanoTime() - t0) / 1e6, onnx.length);
    Files.write(Path.of("/tmp/probe.onnx"), onnx);
    Net cv = readNetFromONNX(onnx);
    cv.setPreferableBackend(DNN_BACKEND_OPENCV);
    cv.setPreferableTarget(DNN_TARGET_CPU);
    float[] x = new float[batch * channels * size * size];
    Random random = new Random(1);
    for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
    ParameterStore store = new ParameterStore(manager, false);
    JniUtils.setGradMode(false);
    Shape shape = new Shape(batch, channels, size, size);
    int dim = bundle.metadata().spec().embeddingDim();
    try (OnnxNetwork ort = OnnxNetwork.load("probe", onnx, channels, size, size, dim)) {
      float[] a = djl(net, store, manager, x, shape);
      System.out.printf("worst cosine against PyTorch: ONNX Runtime %.7f, OpenCV %.7f%n",
          worst(a, ort.run(x, batch), batch), worst(a, opencv(cv, x, batch, channels, size), batch));
      for (int w = 0; w < 3; w++) { djl(net, store, manager, x, shape); ort.run(x, batch); opencv(cv, x, batch, channels, size); }
      double tj = 0, tr = 0, to = 0;
      for (int r = 0; r < rounds; r++) {
        long s = System.nanoTime(); djl(net, store, manager, x, shape); tj += (System.nanoTime() - s) / 1e6 / rounds;
        s = System.nanoTime(); ort.run(x, batch); tr += (System.nanoTime() - s) / 1e6 / rounds;
        s = System.nanoTime(); opencv(cv, x, batch, channels, size); to += (System.nanoTime() - s) / 1e6 / rounds;
      }
      System.out.printf("%s, pass of %d at %dx%d, %d threads, %d rounds: PyTorch %.2f ms, ONNX Runtime %.2f ms (x%.2f), OpenCV %.2f ms (x%.2f)%n",
          bundle.modelId(), batch, size, size, threads, rounds, tj, tr, tj / tr, to, tj / to);
    }
    System.exit(0);
  }

  static double worst(float[] a, float[] b, int batch) {
    int dim = a.length / batch;
    double worst = 1;
    for (int r = 0; r < batch; r++) {
      double dot = 0, na = 0, nb = 0;
      for (int i = 0; i < dim; i++) { double p = a[r*dim+i], q = b[r*dim+i]; dot += p*q; na += p*p; nb += q*q; }
      worst = Math.min(worst, dot / Math.sqrt(na * nb));
    }
    return worst;
  }

  static float[] djl(FaceNetwork net, ParameterStore store, NDManager manager, float[] x, Shape shape) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray in = scope.create(x, shape);
      return net.project(store, net.features(store, in, false), false).toFloatArray();
    }
  }

  static float[] opencv(Net cv, float[] x, int batch, int channels, int size) {
    try (IntPointer dims = new IntPointer(batch, channels, size, size);
        Mat blob = new Mat(4, dims, opencv_core.CV_32F)) {
      new FloatPointer(blob.data()).put(x);
      cv.setInput(blob);
      try (Mat out = cv.forward()) {
        float[] y = new float[(int) out.total()];
        new FloatPointer(out.data()).get(y);
        // The head's output before L2: normalise as the network's L2 block does.
        return y;
      }
    }
  }
}
