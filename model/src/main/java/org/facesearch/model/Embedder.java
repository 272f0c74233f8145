package org.facesearch.model;

import java.util.List;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;

/**
 * Turns face crops into unit-length vectors whose dot product says how alike two faces look. The
 * indexer, searcher and web code against this; a trained model bundle and raw pixels implement it.
 */
public interface Embedder extends AutoCloseable {

  /**
   * Identifies what produced the vectors: equal ids give comparable vectors, so an index built
   * with one id must be searched with the same.
   */
  String modelId();

  /** Length of every vector. */
  int dimension();

  /** How crops must be prepared (crop box, colour, size) for {@link #embed}. */
  Preprocessing preprocessing();

  /**
   * One L2-normalised row per crop, in order. Crops must follow {@link #preprocessing()}; a wrong
   * size or colour mode is an {@link IllegalArgumentException} naming the crop.
   */
  float[][] embed(List<FaceCrop> crops);

  /** Frees native memory; the embedder is unusable afterwards. */
  @Override
  void close();
}
