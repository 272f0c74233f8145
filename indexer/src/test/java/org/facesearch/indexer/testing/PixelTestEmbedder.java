package org.facesearch.indexer.testing;

import java.util.List;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;

/**
 * The raw-pixel baseline: a 32x32 grey crop of the face, mean-centred and L2-normalised (1,024
 * dimensions). A genuine embedder (an image finds itself, near-duplicates score near 1) that needs
 * no trained model; tests use it until the DJL embedder is merged. The model id is a parameter so
 * tests can pretend the model changed.
 */
public final class PixelTestEmbedder implements Embedder {
  public static final Preprocessing PREPROCESSING = new Preprocessing(CropBox.SEED, ColorMode.GREY, 32);

  private final String modelId;

  public PixelTestEmbedder() {
    this("pixels-32-grey");
  }

  public PixelTestEmbedder(String modelId) {
    this.modelId = modelId;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int dimension() {
    return PREPROCESSING.size() * PREPROCESSING.size();
  }

  @Override
  public Preprocessing preprocessing() {
    return PREPROCESSING;
  }

  @Override
  public float[][] embed(List<FaceCrop> crops) {
    float[][] rows = new float[crops.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = embed(crops.get(i));
    }
    return rows;
  }

  private static float[] embed(FaceCrop crop) {
    float[] v = crop.toUnitFloats();
    double mean = 0;
    for (float x : v) {
      mean += x;
    }
    mean /= v.length;
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] -= (float) mean;
      sum += v[i] * v[i];
    }
    float norm = (float) Math.sqrt(sum);
    for (int i = 0; i < v.length; i++) {
      v[i] /= norm;
    }
    return v;
  }

  @Override
  public void close() {}
}
