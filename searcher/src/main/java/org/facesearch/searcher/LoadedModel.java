package org.facesearch.searcher;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.facesearch.model.BatchingEmbedder;
import org.facesearch.model.Embedder;
import org.facesearch.model.verify.Calibration;

/**
 * A model ready to embed, where it came from ({@code source}: a bundle folder or a built-in model's
 * name), its verification threshold if it has one, and the metrics recorded when it was trained
 * (empty for built-in models). A model with a {@link Calibration} has the threshold at which its
 * probability is one half, so that "same person" and "probability >= 50 %" always agree.
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

  /** What a score means as a probability of the same person; empty for models before it. */
  public Optional<Calibration> calibration() {
    return Calibration.fromMetrics(metrics);
  }

  /** The probability that a pair with this score is the same person, when calibrated. */
  public OptionalDouble probability(double score) {
    return calibration()
        .map(c -> OptionalDouble.of(c.probability(score)))
        .orElse(OptionalDouble.empty());
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
