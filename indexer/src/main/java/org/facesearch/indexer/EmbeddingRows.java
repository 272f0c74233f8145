package org.facesearch.indexer;

import org.facesearch.model.Embedder;

/**
 * Checks what a model returned before it goes into an index: one row per crop, the declared length,
 * unit length. DOT_PRODUCT similarity is only a cosine for unit vectors, so a model breaking that
 * contract would silently corrupt every score.
 */
public final class EmbeddingRows {
  private static final double NORM_TOLERANCE = 1e-3;

  private EmbeddingRows() {}

  /**
   * Returns {@code rows} after checking them.
   *
   * @throws IllegalStateException naming the model and what is wrong
   */
  public static float[][] check(Embedder embedder, int crops, float[][] rows) {
    if (rows.length != crops) {
      throw new IllegalStateException(
          "model "
              + embedder.modelId()
              + " returned "
              + rows.length
              + " embeddings for "
              + crops
              + " faces");
    }
    for (float[] row : rows) {
      if (row.length != embedder.dimension()) {
        throw new IllegalStateException(
            "model "
                + embedder.modelId()
                + " returned a "
                + row.length
                + "-dimensional embedding; it declares "
                + embedder.dimension());
      }
      double sum = 0;
      for (float v : row) {
        sum += v * v;
      }
      double norm = Math.sqrt(sum);
      if (Double.isNaN(norm) || Math.abs(norm - 1) > NORM_TOLERANCE) {
        throw new IllegalStateException(
            "model "
                + embedder.modelId()
                + " returned an embedding of length "
                + norm
                + "; embeddings must be L2-normalised");
      }
    }
    return rows;
  }
}
