import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.*;
import java.util.*;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.image.*;
import org.facesearch.data.protocol.*;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.*;
import org.facesearch.model.reference.*;
import org.facesearch.model.verify.*;

/**
 * Is the distilled student's input size what keeps it below its teacher on View 1? The teacher
 * (dlib-resnet, 68-point alignment, 150x150 chips, no flip averaging) embeds every pairsDevTest
 * face as it is and again after its chip was shrunk to S x S and enlarged back (bilinear both
 * ways): what it would score if it saw no more detail than a student of input S. Prints, per size,
 * ROC AUC over the 1,000 pairs and the accuracy at the best threshold for those same pairs
 * (optimistic, alike for every size). The student at 96 (models/default): AUC 0.99366, accuracy
 * 0.959 at the protocol's threshold.
 *
 * <p>2 December, AVX2 EPYC, one intra-op thread beside two training runs: 1,549 faces; AUC 0.99902
 * / 0.99909 / 0.99908 / 0.99914 / 0.99921 and accuracy 0.991 / 0.992 / 0.989 / 0.991 / 0.989 at
 * 150 / 112 / 96 / 80 / 64 px of detail. The teacher loses nothing down to 64 px, so a 96 px
 * input is not what holds the student at 0.959: its network's fidelity to the teacher is.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')cli/target/facesearch-cli.jar" \
 *     bench/ResolutionProbe.java 150,112,96,80,64 $FACESEARCH_DATA ~/.facesearch/models/assets
 * </pre>
 */
public class ResolutionProbe {
  public static void main(String[] args) throws Exception {
    int[] sizes = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
    LfwDataset lfw = LfwDataset.open(Path.of(args[1]));
    List<FacePair> pairs = PairsFile.read(lfw.protocolFile("pairsDevTest.txt")).pairs();
    TorchRuntime runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    AssetStore store = new AssetStore(Path.of(args[2]));
    ImageDecoder decoder = new ImageDecoder();
    try (Embedder e = ReferenceModel.DLIB_RESNET.embedder(store, runtime, false)) {
      long t0 = System.nanoTime();
      Map<String, FaceCrop> chips = new LinkedHashMap<>();
      for (FacePair p : pairs) {
        for (ImageRef ref : List.of(p.a(), p.b())) {
          chips.computeIfAbsent(ref.key(), k -> e.prepare(decoder.decode(ref.resolve(lfw).path())));
        }
      }
      System.out.printf("%d pairs, %d faces aligned in %.0f s%n", pairs.size(), chips.size(), (System.nanoTime() - t0) / 1e9);
      List<String> keys = new ArrayList<>(chips.keySet());
      for (int size : sizes) {
        long t1 = System.nanoTime();
        Map<String, float[]> vectors = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 32) {
          List<String> batch = keys.subList(from, Math.min(keys.size(), from + 32));
          float[][] v = e.embed(batch.stream().map(k -> degraded(chips.get(k), size)).toList());
          for (int i = 0; i < batch.size(); i++) vectors.put(batch.get(i), v[i]);
        }
        ScoredPairs scored =
            new ScoredPairs(
                pairs.stream()
                    .map(p -> new ScoredPair(dot(vectors.get(p.a().key()), vectors.get(p.b().key())), p.same()))
                    .toList());
        System.out.printf("detail of %3d px: AUC %.5f, best-threshold accuracy %.3f (%.0f s)%n", size, scored.auc(), scored.bestThreshold().accuracy(), (System.nanoTime() - t1) / 1e9);
      }
    }
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  /** The chip shrunk to size x size and enlarged back, both bilinear; as it is at its own size. */
  static FaceCrop degraded(FaceCrop chip, int size) {
    if (size >= chip.width()) return chip;
    BufferedImage full = new BufferedImage(chip.width(), chip.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < chip.height(); y++)
      for (int x = 0; x < chip.width(); x++)
        full.setRGB(x, y, chip.pixel(0, y, x) << 16 | chip.pixel(1, y, x) << 8 | chip.pixel(2, y, x));
    BufferedImage back = scale(scale(full, size, size), chip.width(), chip.height());
    byte[] pixels = new byte[3 * chip.width() * chip.height()];
    int plane = chip.width() * chip.height();
    for (int y = 0; y < chip.height(); y++)
      for (int x = 0; x < chip.width(); x++) {
        int rgb = back.getRGB(x, y);
        int i = y * chip.width() + x;
        pixels[i] = (byte) (rgb >> 16);
        pixels[plane + i] = (byte) (rgb >> 8);
        pixels[2 * plane + i] = (byte) rgb;
      }
    return new FaceCrop(3, chip.height(), chip.width(), pixels);
  }

  static BufferedImage scale(BufferedImage in, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(in, 0, 0, w, h, null);
    g.dispose();
    return out;
  }
}
