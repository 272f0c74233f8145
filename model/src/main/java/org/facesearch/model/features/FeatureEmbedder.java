package org.facesearch.model.features;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;

/**
 * A {@link FeatureModel}'s vectors: the descriptor of each aligned crop (and of its mirror image,
 * summed, when flip averaging is on), projected and scaled to unit length. Holds nothing native but
 * the alignment's landmark network, which it closes.
 */
final class FeatureEmbedder implements Embedder {
  private final String modelId;
  private final LbpDescriptor descriptor;
  private final LinearProjection projection;
  private final Optional<FaceAlignment> alignment;
  private final boolean flip;
  private final Preprocessing preprocessing;

  FeatureEmbedder(
      String modelId,
      LbpDescriptor descriptor,
      LinearProjection projection,
      Optional<FaceAlignment> alignment,
      boolean flip) {
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.descriptor = descriptor;
    this.projection = projection;
    this.alignment = alignment;
    this.flip = flip;
    // An aligned chip is the face already: taken whole, as the students take it.
    this.preprocessing = new Preprocessing(CropBox.FULL, ColorMode.RGB, descriptor.inputSize());
  }

  @Override
  public String inference() {
    return "fp32 (OpenBLAS)";
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int dimension() {
    return projection.outputDim();
  }

  @Override
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  @Override
  public Optional<FaceAlignment> alignment() {
    return alignment;
  }

  /** Descriptors are long (56,345 values): a batch of thousands is embedded a chunk at a time. */
  private static final int CHUNK = 256;

  @Override
  public float[][] embed(List<FaceCrop> crops) {
    requirePrepared(crops);
    float[][] out = new float[crops.size()][];
    for (int first = 0; first < crops.size(); first += CHUNK) {
      List<FaceCrop> chunk = crops.subList(first, Math.min(crops.size(), first + CHUNK));
      float[][] rows = embedChunk(chunk);
      System.arraycopy(rows, 0, out, first, rows.length);
    }
    return out;
  }

  private float[][] embedChunk(List<FaceCrop> crops) {
    int views = flip ? 2 : 1;
    float[][] descriptors = new float[crops.size() * views][];
    for (int i = 0; i < crops.size(); i++) {
      FaceCrop crop = crops.get(i);
      descriptors[i * views] = descriptor.describe(crop);
      if (flip) {
        descriptors[i * views + 1] = descriptor.describe(crop.mirrored());
      }
    }
    float[][] projected = crops.isEmpty() ? new float[0][] : projection.apply(descriptors);
    float[][] out = new float[crops.size()][];
    for (int i = 0; i < crops.size(); i++) {
      float[] v = projected[i * views];
      if (flip) {
        float[] m = projected[i * views + 1];
        for (int j = 0; j < v.length; j++) {
          v[j] += m[j];
        }
      }
      double norm = 0;
      for (float x : v) {
        norm += x * x;
      }
      double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) (v[j] * scale);
      }
      out[i] = v;
    }
    return out;
  }

  @Override
  public void close() {
    alignment.ifPresent(FaceAlignment::close);
  }
}
