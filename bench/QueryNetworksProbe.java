import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.lang.management.*;
import java.nio.file.*;
import java.util.*;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.*;
import org.facesearch.data.image.*;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.*;
import org.facesearch.model.reference.*;

/**
 * The two networks of a web query, one face, on one PyTorch thread, in thread CPU time (what a
 * co-tenant disturbs least): the 68-point landmark network (the locator with its input crop, its
 * forward pass alone for one and for two images) and a flip-averaging model's embedding (the
 * embedder as built, against its face and mirror image as two passes of one and one pass of two
 * through the same model without flipping), each with PyTorch's grad mode on (every thread's
 * default but the engine's) and off. Rounds alternate; the first half is warm-up.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
 *     -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')cli/target/facesearch-cli.jar" \
 *     bench/QueryNetworksProbe.java models/default LFW_PHOTO $FACESEARCH_HOME/models/assets 40
 * </pre>
 */
public class QueryNetworksProbe {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    runtime.setIntraOpThreads(1);
    AssetStore assets = new AssetStore(Path.of(args[2]));
    int rounds = Integer.parseInt(args[3]);
    ModelBundle bundle = ModelBundle.open(Path.of(args[0]));
    Embedder flipped = bundle.embedder(runtime, true, Precision.AUTO, assets);
    Embedder plain = bundle.embedder(runtime, false, Precision.AUTO, assets);
    ReferenceModel dlib = ReferenceModel.DLIB_RESNET;
    Path pkg = assets.require(dlib.weights());
    Landmark68Locator locator = dlib.landmarkLocator(pkg, runtime);
    NDManager manager = runtime.newManager();
    FaceLandmark68Net net = new FaceLandmark68Net();
    net.initialize(manager);
    net.load(TfjsWeights.read(pkg.resolve(ReferenceModel.LANDMARKS_MANIFEST)));
    ParameterStore parameters = new ParameterStore(manager, false);
    FramedFace face;
    try (FaceReader reader = FaceReader.open(DetectorKind.BLAZEFACE, assets, ImageLimits.DEFAULT)) {
      face = reader.read(Photo.read(Path.of(args[1])));
    }
    String[] names = {
      "landmarks (locate)", "landmark pass of 1", "landmark pass of 2",
      "embedding, flipped", "2 passes of 1", "1 pass of 2"
    };
    double[][] cpu = new double[2][names.length];
    Thread probe =
        new Thread(
            () -> {
              FaceCrop crop = flipped.prepare(face);
              FaceCrop mirror = crop.mirrored();
              float[] one = new float[3 * 112 * 112];
              float[] two = new float[2 * 3 * 112 * 112];
              for (int r = 0; r < 2 * rounds; r++) {
                for (int grad = 0; grad < 2; grad++) {
                  JniUtils.setGradMode(grad == 0);
                  long[] t = new long[names.length + 1];
                  t[0] = MX.getCurrentThreadCpuTime();
                  locator.locate(face.photo(), face.detection());
                  t[1] = MX.getCurrentThreadCpuTime();
                  landmarks(net, parameters, manager, one, 1);
                  t[2] = MX.getCurrentThreadCpuTime();
                  landmarks(net, parameters, manager, two, 2);
                  t[3] = MX.getCurrentThreadCpuTime();
                  flipped.embed(List.of(crop));
                  t[4] = MX.getCurrentThreadCpuTime();
                  plain.embed(List.of(crop));
                  plain.embed(List.of(mirror));
                  t[5] = MX.getCurrentThreadCpuTime();
                  plain.embed(List.of(crop, mirror));
                  t[6] = MX.getCurrentThreadCpuTime();
                  if (r >= rounds) {
                    for (int k = 0; k < names.length; k++) {
                      cpu[grad][k] += (t[k + 1] - t[k]) / 1e6 / rounds;
                    }
                  }
                }
              }
            });
    probe.start();
    probe.join();
    System.out.printf("thread CPU ms per call, %d rounds after %d of warm-up, 1 PyTorch thread%n", rounds, rounds);
    for (int k = 0; k < names.length; k++) {
      System.out.printf("  %-20s grad on %6.2f  grad off %6.2f%n", names[k], cpu[0][k], cpu[1][k]);
    }
    System.exit(0);
  }

  private static void landmarks(
      FaceLandmark68Net net, ParameterStore parameters, NDManager manager, float[] x, int n) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray input = scope.create(x, new Shape(n, 3, 112, 112));
      net.forward(parameters, new NDList(input), false).singletonOrThrow().toFloatArray();
    }
  }
}
