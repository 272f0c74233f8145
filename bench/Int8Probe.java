import ai.onnxruntime.*;
import ai.djl.ndarray.*;
import java.nio.FloatBuffer;
import java.nio.file.*;
import java.util.*;
import org.facesearch.data.*;
import org.facesearch.data.cache.*;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.protocol.*;
import org.facesearch.model.*;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.*;
import org.facesearch.model.engine.*;
import org.facesearch.model.onnx.*;
import org.facesearch.model.verify.*;

/**
 * A trained network's int8 ONNX export against its fp32 one on ONNX Runtime: ranges calibrated on
 * peopleDevTrain faces (min/max, or a percentile of a subsample), then speed (alternating rounds),
 * agreement (cosine) and View 1. Arguments: bundle, weight levels (63 or 127), calibration faces,
 * optionally the percentile. `facesearch models quantize` is the product's way; this probe is how
 * its choices (63 levels, min/max) were made.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
 *     -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')cli/target/facesearch-cli.jar" \
 *     bench/Int8Probe.java models/default 127 512
 * </pre>
 */
public class Int8Probe {
  public static void main(String[] args) throws Exception {
    Workspace workspace = Workspace.fromEnvironment(System.getenv());
    LfwDataset lfw = LfwDataset.open(Path.of(System.getenv("FACESEARCH_DATA")));
    TorchRuntime runtime = TorchRuntime.start(EngineOptions.fromEnvironment(DeviceChoice.CPU));
    ModelBundle bundle = ModelBundle.open(Path.of(args[0]));
    int levels = Integer.parseInt(args[1]);
    int calibration = Integer.parseInt(args[2]);
    double percentile = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    var spec = bundle.metadata().spec();
    int size = spec.input().size(), channels = spec.input().channels(), dim = spec.embeddingDim();
    boolean head = spec.embedding() == org.facesearch.model.bundle.EmbeddingSource.HEAD;
    NDManager manager = runtime.newManager();
    FaceNetwork network = bundle.loadNetwork(manager);
    try (Embedder embedder = bundle.embedder(runtime); CachedCrops crops = embedder.cachedCrops(CropCache.in(workspace), lfw)) {
      Set<String> trainPeople = new HashSet<>(PeopleFile.read(lfw.protocolFile("peopleDevTrain.txt")).names());
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < crops.size(); i++) if (trainPeople.contains(crops.image(i).identity())) train.add(i);
      Collections.shuffle(train, new Random(7));
      List<Integer> calib = train.subList(0, calibration);

      // 1. Ranges from the probed fp32 graph.
      FaceNetwork.ProbedExport probed = network.toOnnxProbed(channels, head, Equalization.NONE);
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      int points = probed.activations();
      double[][] values = new double[points][];
      List<List<Float>> samples = new ArrayList<>();
      double[] min = new double[points], max = new double[points];
      Arrays.fill(min, Double.MAX_VALUE); Arrays.fill(max, -Double.MAX_VALUE);
      List<float[]>[] kept = new List[points];
      for (int p = 0; p < points; p++) kept[p] = new ArrayList<>();
      try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        try (OrtSession session = env.createSession(probed.onnx(), o)) {
          for (int s = 0; s < calib.size(); s += 32) {
            List<FaceCrop> batch = new ArrayList<>();
            for (int i = s; i < Math.min(calib.size(), s + 32); i++) { FaceCrop c = crops.crop(calib.get(i)); batch.add(c); batch.add(c.mirrored()); }
            float[] x = input(spec, manager, batch);
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {batch.size(), channels, size, size});
                OrtSession.Result r = session.run(Map.of("image", in))) {
              for (int p = 0; p < points; p++) {
                FloatBuffer b = ((OnnxTensor) r.get(p + 1)).getFloatBuffer();
                float[] a = new float[b.remaining()]; b.get(a);
                for (float v : a) { min[p] = Math.min(min[p], v); max[p] = Math.max(max[p], v); }
                if (percentile < 1) { // subsample for percentiles
                  float[] sub = new float[a.length / 16]; for (int i = 0; i < sub.length; i++) sub[i] = a[i * 16]; kept[p].add(sub);
                }
              }
            }
          }
        }
      }
      List<ActivationRange> ranges = new ArrayList<>();
      for (int p = 0; p < points; p++) {
        double lo = min[p], hi = max[p];
        if (percentile < 1) {
          int n = kept[p].stream().mapToInt(a -> a.length).sum(); float[] all = new float[n]; int k = 0;
          for (float[] a : kept[p]) { System.arraycopy(a, 0, all, k, a.length); k += a.length; }
          Arrays.sort(all);
          hi = all[(int) Math.min(n - 1, Math.floor(percentile * n))];
          lo = all[(int) Math.floor((1 - percentile) * n)];
        }
        ranges.add(ActivationRange.covering(lo, hi));
        System.out.printf("point %2d: min %9.4f max %9.4f -> [%9.4f, %9.4f]%n", p, min[p], max[p], lo, hi);
      }
      byte[] fp32 = network.toOnnx(channels, head);
      byte[] int8 = network.toOnnxInt8(channels, head, ranges, levels, Equalization.NONE);
      OnnxNetwork a = OnnxNetwork.load("fp32", fp32, channels, size, size, dim);
      OnnxNetwork b = OnnxNetwork.load("int8", int8, channels, size, size, dim);

      // 2. Speed, alternating rounds: a face and its mirror (2), and 64.
      List<FaceCrop> some = new ArrayList<>();
      for (int i = 0; i < 64; i++) some.add(crops.crop(train.get(calibration + i)));
      float[] x2 = input(spec, manager, List.of(some.get(0), some.get(0).mirrored()));
      float[] x64 = input(spec, manager, some);
      for (int round = 0; round < 4; round++) {
        double[] t = new double[4];
        t[0] = time(() -> a.run(x2, 2), 40); t[1] = time(() -> b.run(x2, 2), 40);
        t[2] = time(() -> a.run(x64, 64), 4); t[3] = time(() -> b.run(x64, 64), 4);
        System.out.printf("round %d: pass of 2: fp32 %.2f ms, int8 %.2f ms (x%.2f); pass of 64: fp32 %.1f ms, int8 %.1f ms (x%.2f)%n",
            round, t[0], t[1], t[0] / t[1], t[2], t[3], t[2] / t[3]);
      }

      // 3. Agreement and View 1 (flip-averaged, as the default embeds).
      String[] files = {"pairsDevTrain.txt", "pairsDevTest.txt"};
      List<List<FacePair>> pairs = new ArrayList<>();
      TreeSet<Integer> need = new TreeSet<>();
      for (String f : files) { var ps = PairsFile.read(lfw.protocolFile(f)).pairs(); pairs.add(ps); for (var p : ps) { need.add(crops.indexOf(p.a().resolve(lfw))); need.add(crops.indexOf(p.b().resolve(lfw))); } }
      Map<Integer, float[]> va = new HashMap<>(), vb = new HashMap<>();
      List<Integer> needList = new ArrayList<>(need);
      double minCos = 1, sumCos = 0;
      for (int s = 0; s < needList.size(); s += 32) {
        List<FaceCrop> batch = new ArrayList<>();
        int e = Math.min(needList.size(), s + 32);
        for (int i = s; i < e; i++) { FaceCrop c = crops.crop(needList.get(i)); batch.add(c); batch.add(c.mirrored()); }
        float[] x = input(spec, manager, batch);
        float[] ya = a.run(x, batch.size()), yb = b.run(x, batch.size());
        for (int i = s; i < e; i++) {
          int k = i - s;
          float[] ea = flip(ya, 2 * k, dim), eb = flip(yb, 2 * k, dim);
          va.put(needList.get(i), ea); vb.put(needList.get(i), eb);
          double c = dot(ea, eb); minCos = Math.min(minCos, c); sumCos += c;
        }
      }
      System.out.printf("int8 against fp32 on %d faces: cosine mean %.5f, min %.5f%n", needList.size(), sumCos / needList.size(), minCos);
      System.out.printf("View 1: fp32 %.4f, int8 %.4f (weight levels %d, %d calibration faces, percentile %.5f)%n",
          view1(pairs, lfw, crops, va), view1(pairs, lfw, crops, vb), levels, calibration, percentile);
    }
    System.exit(0);
  }

  static float[] input(org.facesearch.model.bundle.ModelSpec spec, NDManager manager, List<FaceCrop> batch) {
    try (NDManager scope = manager.newSubManager()) { return spec.input().tensor(scope, batch).toFloatArray(); }
  }

  static float[] flip(float[] y, int row, int dim) {
    float[] v = new float[dim];
    for (int r = row; r < row + 2; r++) {
      double n = 0; for (int j = 0; j < dim; j++) n += y[r * dim + j] * y[r * dim + j]; n = Math.sqrt(n);
      for (int j = 0; j < dim; j++) v[j] += (float) (y[r * dim + j] / n);
    }
    double n = Math.sqrt(dot(v, v)); for (int j = 0; j < dim; j++) v[j] /= n;
    return v;
  }

  static double dot(float[] a, float[] b) { double s = 0; for (int i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }

  static double time(Runnable r, int reps) {
    r.run();
    long t0 = System.nanoTime();
    for (int i = 0; i < reps; i++) r.run();
    return (System.nanoTime() - t0) / 1e6 / reps;
  }

  static double view1(List<List<FacePair>> pairs, LfwDataset lfw, CachedCrops crops, Map<Integer, float[]> v) {
    double[][] s = new double[2][]; boolean[][] same = new boolean[2][];
    for (int f = 0; f < 2; f++) {
      var ps = pairs.get(f); s[f] = new double[ps.size()]; same[f] = new boolean[ps.size()];
      for (int i = 0; i < ps.size(); i++) { s[f][i] = dot(v.get(crops.indexOf(ps.get(i).a().resolve(lfw))), v.get(crops.indexOf(ps.get(i).b().resolve(lfw)))); same[f][i] = ps.get(i).same(); }
    }
    List<ScoredPair> tr = new ArrayList<>();
    for (int i = 0; i < s[0].length; i++) tr.add(new ScoredPair(s[0][i], same[0][i]));
    double t = new ScoredPairs(tr).bestThreshold().threshold();
    int ok = 0; for (int i = 0; i < s[1].length; i++) if ((s[1][i] >= t) == same[1][i]) ok++;
    return (double) ok / s[1].length;
  }
}
