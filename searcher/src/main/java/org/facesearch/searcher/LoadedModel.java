package org.facesearch.searcher;

import java.util.Map;
import java.util.OptionalDouble;
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

  @Override
  public void close() {
    embedder.close();
  }
}
