package org.facesearch.trainer.quantize;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.sample.IndexPair;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.Int8Calibration;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.onnx.Equalization;
import org.facesearch.model.verify.ScoredPair;
import org.facesearch.model.verify.ScoredPairs;
import org.facesearch.model.verify.Similarity;

/**
 * Calibrates a bundle's network for int8 and measures what int8 costs it, before anything is
 * written: the activations' ranges come from training faces, then the fp32 and int8 networks embed
 * every face of LFW's View 1 pairs and are compared face by face (cosine) and by View 1 accuracy,
 * each with its own threshold chosen on {@code pairsDevTrain}.
 */
public final class Int8Quantizer {
  /** The int8 network's View 1 may fall this much below fp32's and still be kept. */
  public static final double MAX_VIEW1_LOSS = 0.005;

  /** Nor may the mean cosine between a face's int8 and fp32 vectors fall below this. */
  public static final double MIN_MEAN_COSINE = 0.995;

  private Int8Quantizer() {}

  /** The calibration (its agreement recorded) and how int8 compared with fp32. */
  public record Result(
      Int8Calibration calibration,
      int faces,
      double cosineMean,
      double cosineMin,
      double view1Fp32,
      double view1Int8,
      Map<Equalization, Double> cosineMeanBy) {
    public Result {
      cosineMeanBy = Map.copyOf(cosineMeanBy);
    }

    /** Whether int8 keeps the model's answers by {@link #MAX_VIEW1_LOSS} and cosine. */
    public boolean keepsAnswers() {
      return view1Int8 >= view1Fp32 - MAX_VIEW1_LOSS && cosineMean >= MIN_MEAN_COSINE;
    }
  }

  /**
   * Calibrates the export both ways ({@link Equalization}) and keeps the one whose vectors agree
   * with fp32's more closely on average: balancing the residual branches helped one trained network
   * and hurt another, and the cosine to fp32 needs no names, so choosing by it on View 1's faces
   * tells the choice nothing about who is who.
   *
   * @param fp32 the bundle's own embedder in fp32 (what int8 is measured against; the caller
   *     usually has one open already, to prepare {@code crops})
   * @param crops the model's prepared crops of LFW
   * @param calibrationFaces indices into {@code crops} to read the ranges off (training faces)
   */
  public static Result quantize(
      ModelBundle bundle,
      Embedder fp32,
      TorchRuntime runtime,
      AssetStore assets,
      CachedCrops crops,
      List<Integer> calibrationFaces,
      List<IndexPair> thresholdPairs,
      List<IndexPair> testPairs,
      int weightLevels,
      String calibrationData) {
    List<FaceCrop> sample = calibrationFaces.stream().map(crops::crop).toList();
    TreeSet<Integer> faces = new TreeSet<>();
    for (List<IndexPair> pairs : List.of(thresholdPairs, testPairs)) {
      for (IndexPair p : pairs) {
        faces.add(p.a());
        faces.add(p.b());
      }
    }
    List<Integer> order = new ArrayList<>(faces);
    List<FaceCrop> batch = order.stream().map(crops::crop).toList();
    float[][] reference = fp32.embed(batch);
    Map<Integer, Integer> row = new LinkedHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      row.put(order.get(i), i);
    }
    Int8Calibration chosen = null;
    float[][] chosenVectors = null;
    double chosenMean = -1;
    double chosenMin = 1;
    Map<Equalization, Double> means = new EnumMap<>(Equalization.class);
    for (Equalization equalization : Equalization.values()) {
      Int8Calibration calibration =
          bundle.calibrateInt8(runtime, sample, weightLevels, equalization, calibrationData);
      float[][] int8;
      try (Embedder embedder = bundle.int8Embedder(runtime, assets, calibration)) {
        int8 = embedder.embed(batch);
      }
      double sum = 0;
      double min = 1;
      for (int i = 0; i < order.size(); i++) {
        double c = Similarity.cosine(reference[i], int8[i]);
        sum += c;
        min = Math.min(min, c);
      }
      double mean = sum / order.size();
      means.put(equalization, mean);
      if (mean > chosenMean) {
        chosen = calibration;
        chosenVectors = int8;
        chosenMean = mean;
        chosenMin = min;
      }
    }
    double view1Fp32 = view1(reference, row, thresholdPairs, testPairs);
    double view1Int8 = view1(chosenVectors, row, thresholdPairs, testPairs);
    Map<String, Double> agreement = new LinkedHashMap<>();
    agreement.put("faces", (double) order.size());
    agreement.put("cosineMean", chosenMean);
    agreement.put("cosineMin", chosenMin);
    means.forEach((e, mean) -> agreement.put("cosineMean." + e.id(), mean));
    agreement.put("view1AccuracyFp32", view1Fp32);
    agreement.put("view1AccuracyInt8", view1Int8);
    return new Result(
        chosen.withAgreement(agreement),
        order.size(),
        chosenMean,
        chosenMin,
        view1Fp32,
        view1Int8,
        means);
  }

  private static double view1(
      float[][] vectors,
      Map<Integer, Integer> row,
      List<IndexPair> thresholdPairs,
      List<IndexPair> testPairs) {
    double threshold = scored(vectors, row, thresholdPairs).bestThreshold().threshold();
    return scored(vectors, row, testPairs).accuracyAt(threshold);
  }

  private static ScoredPairs scored(
      float[][] vectors, Map<Integer, Integer> row, List<IndexPair> pairs) {
    List<ScoredPair> out = new ArrayList<>(pairs.size());
    for (IndexPair p : pairs) {
      out.add(
          new ScoredPair(
              Similarity.cosine(vectors[row.get(p.a())], vectors[row.get(p.b())]), p.same()));
    }
    return new ScoredPairs(out);
  }
}
