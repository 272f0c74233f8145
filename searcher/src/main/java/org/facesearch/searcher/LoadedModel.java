package org.facesearch.searcher;

import java.util.Map;
import java.util.OptionalDouble;
import org.facesearch.model.BatchingEmbedder;
import org.facesearch.model.Embedder;

/**
 * A model ready to embed, where it came from ({@code source}: a bundle folder or a built-in model's
 * name), its calibrated verification threshold if it has one, and the metrics recorded when it was
 * trained (empty for built-in models).
 */
public record LoadedModel(
    Embedder embedder, String source, OptionalDouble threshold, Map<String, Double> metrics)
    implements AutoCloseable {

  public LoadedModel {
    metrics = Map.copyOf(metrics);
  }

  /** {@code override} if given (e.g. {@code --threshold}), else the model's own. */
  public OptionalDouble threshold(Double override) {
    return override != null ? OptionalDouble.of(override) : threshold;
  }

  /**
   * This model with the embed calls of concurrent threads merged into shared batches of up to
   * {@code maxBatch} crops (a server's setting, see {@link BatchingEmbedder}); with 1, this model
   * unchanged: each call embeds on its caller's thread.
   */
  public LoadedModel batching(int maxBatch) {
    if (maxBatch == 1) {
      return this;
    }
    return new LoadedModel(new BatchingEmbedder(embedder, maxBatch), source, threshold, metrics);
  }

  @Override
  public void close() {
    embedder.close();
  }
}
