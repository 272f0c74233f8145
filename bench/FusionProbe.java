import java.nio.file.*;
import java.util.*;
import org.facesearch.data.*;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.cache.*;
import org.facesearch.data.sample.IndexPair;
import org.facesearch.model.*;
import org.facesearch.model.bundle.*;
import org.facesearch.model.engine.*;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.reference.ReferenceModel;
import org.facesearch.model.verify.*;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.eval.Verification;

/**
 * Whether two LFW-only models err on different pairs: View 1 of a weighted sum of their cosines,
 * {@code w * a + (1 - w) * b}, for weights 0, 0.05, ..., 1, each with its threshold chosen on
 * pairsDevTrain, and the weight pairsDevTrain itself prefers (the protocol's rule for anything
 * chosen; both models trained on its people, so it is not a blind choice either).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
 *     -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')cli/target/facesearch-cli.jar" \
 *     bench/FusionProbe.java ../runs/lbp-1/model models/trinet
 * </pre>
 */
public class FusionProbe {
  public static void main(String[] args) {
    Workspace workspace = Workspace.fromEnvironment(System.getenv());
    LfwDataset lfw = LfwDataset.open(Path.of(System.getenv("FACESEARCH_DATA")));
    TorchRuntime runtime = TorchRuntime.start(EngineOptions.fromEnvironment(DeviceChoice.CPU));
    FeatureModel features = FeatureModel.open(Path.of(args[0]));
    ModelBundle bundle = ModelBundle.open(Path.of(args[1]));
    // Each model on its own crops; the protocol pairs are the same images in both.
    double[][] a = score(lfw, workspace, runtime, features.embedder(runtime, AssetStore.in(workspace), features.testTimeFlip()));
    double[][] b = score(lfw, workspace, runtime, bundle.embedder(runtime));
    boolean[][] same = same(lfw);
    System.out.printf("alone: %s View 1 %.4f, %s View 1 %.4f%n", args[0], view1(a[0], a[1], same), args[1], view1(b[0], b[1], same));
    double bestTrain = -1, bestW = 0;
    for (int i = 0; i <= 20; i++) {
      double w = i / 20.0;
      double[] tr = mix(a[0], b[0], w), te = mix(a[1], b[1], w);
      double trainAcc = best(tr, same[0])[0];
      System.out.printf("w=%.2f: pairsDevTrain %.4f, View 1 %.4f%n", w, trainAcc, view1(tr, te, same));
      if (trainAcc > bestTrain) { bestTrain = trainAcc; bestW = w; }
    }
    System.out.printf("weight chosen on pairsDevTrain: %.2f -> View 1 %.4f%n", bestW, view1(mix(a[0], b[0], bestW), mix(a[1], b[1], bestW), same));
    System.exit(0);
  }

  static double[] mix(double[] a, double[] b, double w) {
    double[] m = new double[a.length];
    for (int i = 0; i < a.length; i++) m[i] = w * a[i] + (1 - w) * b[i];
    return m;
  }

  static double view1(double[] train, double[] test, boolean[][] same) {
    double t = best(train, same[0])[1];
    int ok = 0;
    for (int i = 0; i < test.length; i++) if ((test[i] >= t) == same[1][i]) ok++;
    return (double) ok / test.length;
  }

  static double[] best(double[] s, boolean[] same) {
    List<ScoredPair> p = new ArrayList<>();
    for (int i = 0; i < s.length; i++) p.add(new ScoredPair(s[i], same[i]));
    ThresholdChoice c = new ScoredPairs(p).bestThreshold();
    return new double[] {c.accuracy(), c.threshold()};
  }

  static boolean[][] same(LfwDataset lfw) {
    boolean[][] out = new boolean[2][];
    String[] files = {"pairsDevTrain.txt", "pairsDevTest.txt"};
    for (int f = 0; f < 2; f++) {
      var pairs = org.facesearch.data.protocol.PairsFile.read(lfw.protocolFile(files[f])).pairs();
      out[f] = new boolean[pairs.size()];
      for (int i = 0; i < pairs.size(); i++) out[f][i] = pairs.get(i).same();
    }
    return out;
  }

  static double[][] score(LfwDataset lfw, Workspace workspace, TorchRuntime runtime, Embedder embedder) {
    try (embedder; CachedCrops crops = embedder.cachedCrops(CropCache.in(workspace), lfw)) {
      double[][] out = new double[2][];
      String[] files = {"pairsDevTrain.txt", "pairsDevTest.txt"};
      Map<Integer, float[]> vectors = new HashMap<>();
      for (int f = 0; f < 2; f++) {
        var pairs = org.facesearch.data.protocol.PairsFile.read(lfw.protocolFile(files[f])).pairs();
        List<Integer> missing = new ArrayList<>();
        for (var p : pairs) {
          for (var ref : List.of(p.a(), p.b())) {
            int i = crops.indexOf(ref.resolve(lfw));
            if (!vectors.containsKey(i) && !missing.contains(i)) missing.add(i);
          }
        }
        float[][] rows = embedder.embed(missing.stream().map(crops::crop).toList());
        for (int k = 0; k < rows.length; k++) vectors.put(missing.get(k), rows[k]);
        out[f] = new double[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
          float[] x = vectors.get(crops.indexOf(pairs.get(k).a().resolve(lfw)));
          float[] y = vectors.get(crops.indexOf(pairs.get(k).b().resolve(lfw)));
          double d = 0;
          for (int j = 0; j < x.length; j++) d += x[j] * y[j];
          out[f][k] = d;
        }
      }
      return out;
    }
  }
}
