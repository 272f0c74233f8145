package org.facesearch.model;

import java.util.List;
import java.util.Locale;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;

/**
 * The seeds' raw-pixel baseline: a crop's pixels as one vector, minus the image's own mean
 * brightness (so lighting shifts matter less), scaled to unit length. Needs no engine.
 *
 * <p>A perfectly uniform crop has nothing left after centring; it maps to the zero vector, which is
 * equally (un)like everything.
 */
public final class PixelEmbedder implements Embedder {
  private final Preprocessing preprocessing;
  private final String modelId;

  public PixelEmbedder(Preprocessing preprocessing) {
    this.preprocessing = preprocessing;
    String id =
        "pixels-"
            + preprocessing.size()
            + "-"
            + preprocessing.color().name().toLowerCase(Locale.ROOT);
    CropBox crop = preprocessing.crop();
    // The seed crop is the default; any other crop yields different vectors, so it joins the id.
    this.modelId =
        crop.equals(CropBox.SEED)
            ? id
            : id + "-c" + crop.top() + "-" + crop.left() + "-" + crop.bottom() + "-" + crop.right();
  }

  @Override
  public String inference() {
    return "fp32";
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int dimension() {
    return preprocessing.color().channels() * preprocessing.size() * preprocessing.size();
  }

  @Override
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  @Override
  public float[][] embed(List<FaceCrop> crops) {
    requirePrepared(crops);
    float[][] out = new float[crops.size()][];
    for (int i = 0; i < crops.size(); i++) {
      out[i] = embedOne(crops.get(i));
    }
    return out;
  }

  private float[] embedOne(FaceCrop crop) {
    byte[] pixels = crop.pixels();
    double sum = 0;
    for (byte p : pixels) {
      sum += p & 0xFF;
    }
    double mean = sum / pixels.length;
    double squares = 0;
    for (byte p : pixels) {
      double d = (p & 0xFF) - mean;
      squares += d * d;
    }
    double scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    float[] vector = new float[pixels.length];
    for (int j = 0; j < pixels.length; j++) {
      vector[j] = (float) (((pixels[j] & 0xFF) - mean) * scale);
    }
    return vector;
  }

  /** Holds nothing native. */
  @Override
  public void close() {}
}
