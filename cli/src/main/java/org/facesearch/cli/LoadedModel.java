package org.facesearch.cli;

import java.util.OptionalDouble;
import org.facesearch.model.Embedder;

/**
 * A model ready to embed, where it came from ({@code source}: a bundle folder or a built-in model's
 * name), and its calibrated verification threshold if it has one.
 */
record LoadedModel(Embedder embedder, String source, OptionalDouble threshold)
    implements AutoCloseable {

  /** {@code --threshold} if given, else the model's own. */
  OptionalDouble threshold(Double override) {
    return override != null ? OptionalDouble.of(override) : threshold;
  }

  @Override
  public void close() {
    embedder.close();
  }
}
