package org.facesearch.bench;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.data.FaceImage;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.model.Embedder;

/**
 * Several models side by side on the same photos, in one run: the time to prepare a face for each
 * (its alignment, if it has one, and its crop) and its network's images/s on the prepared crops.
 * Rounds alternate the models, and each model's best round is kept, so a machine whose speed drifts
 * favours none; ratios are to the first model.
 */
public final class ModelSpeedBenchmark {
  private final ImageDecoder decoder = new ImageDecoder();

  /** One model's figures: preparation per photo (ms) and the network's best images/s. */
  public record Result(
      String name, String modelId, double prepareMsPerPhoto, double embedImagesPerSecond) {
    /** Photos/s from decoded photo to vector: preparation and network one after the other. */
    public double endToEndImagesPerSecond() {
      return 1000.0 / (prepareMsPerPhoto + 1000.0 / embedImagesPerSecond);
    }
  }

  public record Report(int photos, int rounds, List<Result> results) {}

  /**
   * Times {@code models} (name to embedder, in the order to report) on {@code photos} of {@code
   * gallery} drawn with {@code seed}, {@code rounds} rounds.
   */
  public Report run(
      Map<String, Embedder> models,
      List<FaceImage> gallery,
      int photos,
      int rounds,
      long seed,
      java.io.PrintStream progress) {
    if (photos < 1 || photos > gallery.size()) {
      throw new InvalidSettingException(
          BenchSetting.IMAGES, " must be in 1.." + gallery.size() + ", got " + photos);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException("no models to time");
    }
    List<BufferedImage> decoded = new ArrayList<>();
    for (FaceImage image : EmbedBenchmark.sample(gallery, photos, seed)) {
      decoded.add(decoder.decode(image.path()));
    }
    Map<String, List<FaceCrop>> prepared = new LinkedHashMap<>();
    Map<String, Double> prepareMs = new LinkedHashMap<>();
    Map<String, Double> best = new LinkedHashMap<>();
    for (Map.Entry<String, Embedder> m : models.entrySet()) {
      Embedder embedder = m.getValue();
      // One untimed photo first: the alignment's networks warm up on it.
      embedder.prepare(decoded.get(0));
      long start = System.nanoTime();
      List<FaceCrop> crops = new ArrayList<>(decoded.size());
      for (BufferedImage photo : decoded) {
        crops.add(embedder.prepare(photo));
      }
      prepareMs.put(m.getKey(), (System.nanoTime() - start) / 1e6 / decoded.size());
      prepared.put(m.getKey(), crops);
      embedder.embed(crops.subList(0, Math.min(crops.size(), 64))); // warm-up
      best.put(m.getKey(), 0.0);
      progress.printf(
          "%s: prepared %d photos, %.1f ms each%n",
          m.getKey(), decoded.size(), prepareMs.get(m.getKey()));
    }
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, Embedder> m : models.entrySet()) {
        List<FaceCrop> crops = prepared.get(m.getKey());
        long start = System.nanoTime();
        m.getValue().embed(crops);
        double perSecond = crops.size() / ((System.nanoTime() - start) / 1e9);
        best.merge(m.getKey(), perSecond, Math::max);
        progress.printf("round %d: %s %.1f images/s%n", round, m.getKey(), perSecond);
      }
    }
    List<Result> results = new ArrayList<>();
    models.forEach(
        (name, embedder) ->
            results.add(new Result(name, embedder.modelId(), prepareMs.get(name), best.get(name))));
    return new Report(photos, rounds, List.copyOf(results));
  }
}
