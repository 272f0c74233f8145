import java.awt.image.BufferedImage;
import java.nio.file.*;
import java.util.*;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.image.*;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.*;
import org.facesearch.model.reference.*;

/**
 * A quick comparison of dlib-resnet's alignments on the same LFW pairs, for when a full
 * {@code facesearch evaluate} does not fit: the first N same-person and first N different-person
 * pairs of pairs.txt's first fold, each face through {@code Embedder.prepare} (the query path),
 * no flip averaging; accuracy at the best threshold on those same pairs (optimistic, alike for
 * every alignment) and ROC AUC. Not LFW's View 2.
 *
 * <pre>
 * ./facesearch models fetch dlib-resnet blazeface      # with FACESEARCH_HOME set
 * java -Dai.djl.offline=true -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')" bench/AlignProbe.java \
 *     150 LANDMARKS_68,BLAZEFACE,FIXED LFW_DIR $FACESEARCH_HOME/models/assets
 * </pre>
 */
public class AlignProbe {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    Path lfw = Path.of(args[2]);
    List<String> lines = Files.readAllLines(lfw.resolve("pairs.txt"));
    List<String[]> pairs = new ArrayList<>();
    for (int i = 1; i <= n; i++) pairs.add(lines.get(i).split("\t"));
    for (int i = 301; i <= 300 + n; i++) pairs.add(lines.get(i).split("\t"));
    TorchRuntime runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    AssetStore store = new AssetStore(Path.of(args[3]));
    ImageDecoder decoder = new ImageDecoder();
    for (String variant : args[1].split(",")) {
      ChipAlignment a = ChipAlignment.valueOf(variant);
      long t0 = System.nanoTime();
      try (Embedder e = ReferenceModel.DLIB_RESNET.withAlignment(a).embedder(store, runtime, false)) {
        Map<String, float[]> cache = new HashMap<>();
        double[] scores = new double[pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
          String[] p = pairs.get(k);
          String f1, f2;
          if (p.length == 3) { f1 = file(p[0], p[1]); f2 = file(p[0], p[2]); same[k] = true; }
          else { f1 = file(p[0], p[1]); f2 = file(p[2], p[3]); }
          float[] v1 = embed(e, decoder, lfw, f1, cache), v2 = embed(e, decoder, lfw, f2, cache);
          double s = 0; for (int i = 0; i < v1.length; i++) s += v1[i] * v2[i];
          scores[k] = s;
        }
        double best = 0; for (double t : scores) { int c = 0; for (int k = 0; k < scores.length; k++) if ((scores[k] >= t) == same[k]) c++; best = Math.max(best, c / (double) scores.length); }
        double auc = 0; int ps = 0, ng = 0; for (int i = 0; i < scores.length; i++) for (int j = 0; j < scores.length; j++) if (same[i] && !same[j]) { auc += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0; }
        for (boolean b : same) if (b) ps++; else ng++;
        System.out.printf("%s (%s): %d pairs, best-threshold accuracy %.4f, AUC %.5f, %d faces, %.0f s%n", variant, e.modelId(), scores.length, best, auc / (ps * (double) ng), cache.size(), (System.nanoTime() - t0) / 1e9);
      }
    }
  }
  static String file(String name, String num) { return "images/" + name + "/" + name + "_" + String.format("%04d", Integer.parseInt(num)) + ".jpg"; }
  static float[] embed(Embedder e, ImageDecoder d, Path lfw, String f, Map<String, float[]> cache) {
    return cache.computeIfAbsent(f, k -> e.embed(List.of(e.prepare(d.decode(lfw.resolve(k)))))[0]);
  }
}
