package org.facesearch.model;

import java.util.List;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;

/**
 * Turns face crops into L2-normalised embeddings; cosine similarity is then a dot product. Indexer,
 * searcher and web code against this interface and never learn how a model was trained.
 */
public interface Embedder extends AutoCloseable {

  /** A short stable id of the model; an index records which model built it. */
  String modelId();

  /** Length of each embedding. */
  int dimension();

  /** How images must be prepared before {@link #embed}. */
  Preprocessing preprocessing();

  /** One L2-normalised row per crop, in order; batching is the implementation's business. */
  float[][] embed(List<FaceCrop> crops);

  @Override
  void close();
}
