package org.facesearch.model.fusion;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;

/**
 * Several models' vectors side by side, each scaled by the square root of its weight: the dot
 * product of two fused vectors is the weighted sum of the parts' cosines (weights summing to 1 keep
 * the fused vector at unit length). Models that err on different pairs (a texture descriptor and a
 * network) answer better together than either alone.
 *
 * <p>Every part must align faces the same way and take the whole aligned chip in colour; the first
 * part's crop size is the one prepared, and a part of another size gets it resampled (area
 * averaging, as crops are made).
 */
public final class FusedEmbedder implements Embedder {
  private final String modelId;
  private final List<Embedder> parts;
  private final double[] weights;
  private final int dimension;

  /**
   * @param parts closed with this embedder
   * @param weights one per part, positive, summing to 1
   * @throws IllegalArgumentException when the parts prepare faces incompatibly or the weights do
   *     not fit
   */
  public FusedEmbedder(String modelId, List<Embedder> parts, double[] weights) {
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.parts = List.copyOf(parts);
    this.weights = weights.clone();
    check(this.parts, this.weights);
    this.dimension = this.parts.stream().mapToInt(Embedder::dimension).sum();
  }

  private static void check(List<Embedder> parts, double[] weights) {
    if (parts.size() < 2 || parts.size() != weights.length) {
      throw new IllegalArgumentException(
          "a fused model needs two or more parts with one weight each, got "
              + parts.size()
              + " parts and "
              + weights.length
              + " weights");
    }
    double sum = 0;
    for (double w : weights) {
      if (!(w > 0 && w < 1)) {
        throw new IllegalArgumentException(
            "every part's weight must lie between 0 and 1, got " + w);
      }
      sum += w;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new IllegalArgumentException("the parts' weights must sum to 1, got " + sum);
    }
    requireFusable(parts);
  }

  /**
   * Refuses parts that prepare faces incompatibly (another crop box or colour mode, another face
   * alignment) in one sentence naming both; a front end calls this before preparing any crops.
   */
  public static void requireFusable(List<Embedder> parts) {
    if (parts.size() < 2) {
      throw new IllegalArgumentException(
          "a fused model needs two or more parts, got " + parts.size());
    }
    Embedder first = parts.get(0);
    Optional<String> alignment = first.alignment().map(FaceAlignment::id);
    for (Embedder part : parts) {
      Preprocessing p = part.preprocessing();
      if (!p.crop().equals(first.preprocessing().crop())
          || p.color() != first.preprocessing().color()) {
        throw new IllegalArgumentException(
            part.modelId()
                + " crops faces as "
                + p
                + " but "
                + first.modelId()
                + " as "
                + first.preprocessing()
                + "; fused parts must take the same crop (their sizes may differ)");
      }
      if (!part.alignment().map(FaceAlignment::id).equals(alignment)) {
        throw new IllegalArgumentException(
            part.modelId()
                + " aligns faces with "
                + part.alignment().map(FaceAlignment::id).orElse("no alignment")
                + " but "
                + first.modelId()
                + " with "
                + alignment.orElse("no alignment")
                + "; fused parts must align faces alike");
      }
    }
  }

  @Override
  public String inference() {
    return parts.stream()
        .map(Embedder::inference)
        .distinct()
        .collect(java.util.stream.Collectors.joining(" and "));
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public Preprocessing preprocessing() {
    return parts.get(0).preprocessing();
  }

  @Override
  public Optional<FaceAlignment> alignment() {
    return parts.get(0).alignment();
  }

  @Override
  public float[][] embed(List<FaceCrop> crops) {
    requirePrepared(crops);
    float[][] out = new float[crops.size()][dimension];
    int offset = 0;
    for (int p = 0; p < parts.size(); p++) {
      Embedder part = parts.get(p);
      float[][] rows = part.embed(forPart(part.preprocessing(), crops));
      float scale = (float) Math.sqrt(weights[p]);
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j < rows[i].length; j++) {
          out[i][offset + j] = rows[i][j] * scale;
        }
      }
      offset += part.dimension();
    }
    return out;
  }

  private List<FaceCrop> forPart(Preprocessing target, List<FaceCrop> crops) {
    if (target.equals(preprocessing())) {
      return crops;
    }
    List<FaceCrop> resized = new ArrayList<>(crops.size());
    for (FaceCrop crop : crops) {
      // The crop is cut already: resample it whole.
      resized.add(
          new Preprocessing(CropBox.FULL, target.color(), target.size()).apply(image(crop)));
    }
    return resized;
  }

  /** A crop as an image, for {@link Preprocessing#apply} to resample. */
  private static BufferedImage image(FaceCrop crop) {
    int h = crop.height();
    int w = crop.width();
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = crop.pixel(0, y, x);
        int g = crop.channels() == 3 ? crop.pixel(1, y, x) : r;
        int b = crop.channels() == 3 ? crop.pixel(2, y, x) : r;
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return image;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (Embedder part : parts) {
      try {
        part.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
