package org.facesearch.trainer.fusion;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.sample.IndexPair;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.fusion.FusedEmbedder;
import org.facesearch.model.fusion.FusedModel;
import org.facesearch.model.verify.ScoredPair;
import org.facesearch.model.verify.ScoredPairs;
import org.facesearch.model.verify.ThresholdChoice;

/**
 * Chooses how much each of two models counts in a {@link FusedModel}: the weight of the first from
 * 0.05 to 0.95 in steps of 0.05 whose weighted sum of cosines is most accurate on LFW's {@code
 * pairsDevTrain} (the pairs the protocol allows choosing anything on), then measures the fused
 * model on {@code pairsDevTest} at that weight and threshold. Each part's vectors are computed
 * once; a weight only changes how their cosines are summed.
 */
public final class FusionTrainer {
  private static final int STEPS = 20;

  private FusionTrainer() {}

  /** What was chosen and measured. */
  public record Result(FusedModel model, double weight) {}

  /**
   * @param parts the two models, loaded (the caller closes them)
   * @param partFolders their folders, copied into the fused model
   * @param crops the images of both pair files, prepared as the first part prepares them
   * @param thresholdPairs {@code pairsDevTrain} as indices into {@code crops}
   * @param testPairs {@code pairsDevTest} likewise
   * @param hyperparameters recorded as they are, beside the chosen weights
   */
  public static Result fuse(
      List<Embedder> parts,
      List<Path> partFolders,
      CachedCrops crops,
      List<IndexPair> thresholdPairs,
      List<IndexPair> testPairs,
      Map<String, Object> hyperparameters,
      String dataFingerprint,
      String codeVersion,
      Path out)
      throws IOException {
    if (parts.size() != 2) {
      throw new IllegalArgumentException("fusion takes two models, got " + parts.size());
    }
    long started = System.nanoTime();
    // Both parts through the fused embedder itself at equal weights (it also refuses parts that
    // prepare faces differently): each part's slice, scaled back, gives that part's cosine. The
    // probe is not closed: the caller owns the parts.
    FusedEmbedder probe = new FusedEmbedder("fusion-probe", parts, new double[] {0.5, 0.5});
    Map<Integer, float[]> vectors = embed(probe, crops, thresholdPairs, testPairs);
    int split = parts.get(0).dimension();
    double[][] train = {
      cosines(vectors, thresholdPairs, 0, split),
      cosines(vectors, thresholdPairs, split, probe.dimension())
    };
    double[][] test = {
      cosines(vectors, testPairs, 0, split), cosines(vectors, testPairs, split, probe.dimension())
    };
    Map<Double, Double> byWeight = new LinkedHashMap<>();
    double bestWeight = 0;
    double bestAccuracy = -1;
    for (int step = 1; step < STEPS; step++) {
      double w = step / (double) STEPS;
      double accuracy = scored(mix(train, w), thresholdPairs).bestThreshold().accuracy();
      byWeight.put(w, accuracy);
      if (accuracy > bestAccuracy) {
        bestAccuracy = accuracy;
        bestWeight = w;
      }
    }
    ScoredPairs threshold = scored(mix(train, bestWeight), thresholdPairs);
    ScoredPairs testScores = scored(mix(test, bestWeight), testPairs);
    ThresholdChoice choice = threshold.bestThreshold();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("view1Accuracy", testScores.accuracyAt(choice.threshold()));
    metrics.put("threshold", choice.threshold());
    metrics.put("thresholdPairsAccuracy", choice.accuracy());
    threshold.calibration().ifPresent(c -> metrics.putAll(c.asMetrics()));
    metrics.put("view1Auc", testScores.auc());
    for (int p = 0; p < 2; p++) {
      ScoredPairs alone = scored(train[p], thresholdPairs);
      metrics.put(
          "view1AccuracyPart" + (p + 1),
          scored(test[p], testPairs).accuracyAt(alone.bestThreshold().threshold()));
    }
    metrics.put("weight", bestWeight);
    Map<String, Object> hyper = new LinkedHashMap<>(hyperparameters);
    hyper.put("objective", FusedModel.KIND);
    hyper.put("weightChosenOn", "pairsDevTrain.txt");
    List<String> tried = new ArrayList<>();
    byWeight.forEach((w, a) -> tried.add(String.format(Locale.ROOT, "%.2f: %.4f", w, a)));
    hyper.put("weights", String.join(", ", tried));
    TrainingRecord record =
        new TrainingRecord(
            hyper,
            "cpu",
            dataFingerprint,
            0,
            0,
            metrics,
            (System.nanoTime() - started) / 1e9,
            Instant.now(),
            codeVersion);
    FusedModel model =
        FusedModel.write(
            out,
            partFolders,
            new double[] {bestWeight, 1 - bestWeight},
            parts.stream().map(Embedder::modelId).toList(),
            record);
    return new Result(model, bestWeight);
  }

  private static Map<Integer, float[]> embed(
      Embedder fused,
      CachedCrops crops,
      List<IndexPair> thresholdPairs,
      List<IndexPair> testPairs) {
    List<Integer> images = new ArrayList<>();
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (List<IndexPair> pairs : List.of(thresholdPairs, testPairs)) {
      for (IndexPair pair : pairs) {
        for (int i : new int[] {pair.a(), pair.b()}) {
          if (seen.add(i)) {
            images.add(i);
          }
        }
      }
    }
    float[][] rows = fused.embed(images.stream().map(crops::crop).toList());
    Map<Integer, float[]> out = new HashMap<>();
    for (int k = 0; k < rows.length; k++) {
      out.put(images.get(k), rows[k]);
    }
    return out;
  }

  /** A part's cosine from its slice {@code [from, to)} of two vectors fused at weight 1/2. */
  private static double[] cosines(
      Map<Integer, float[]> vectors, List<IndexPair> pairs, int from, int to) {
    double[] out = new double[pairs.size()];
    for (int k = 0; k < pairs.size(); k++) {
      float[] a = vectors.get(pairs.get(k).a());
      float[] b = vectors.get(pairs.get(k).b());
      double dot = 0;
      for (int j = from; j < to; j++) {
        dot += a[j] * b[j];
      }
      out[k] = 2 * dot;
    }
    return out;
  }

  private static double[] mix(double[][] scores, double w) {
    double[] out = new double[scores[0].length];
    for (int i = 0; i < out.length; i++) {
      out[i] = w * scores[0][i] + (1 - w) * scores[1][i];
    }
    return out;
  }

  private static ScoredPairs scored(double[] scores, List<IndexPair> pairs) {
    List<ScoredPair> out = new ArrayList<>(scores.length);
    for (int i = 0; i < scores.length; i++) {
      out.add(new ScoredPair(scores[i], pairs.get(i).same()));
    }
    return new ScoredPairs(out);
  }
}
