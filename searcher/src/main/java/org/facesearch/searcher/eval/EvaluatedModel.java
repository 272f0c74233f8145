package org.facesearch.searcher.eval;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.facesearch.model.Embedder;
import org.facesearch.model.PixelEmbedder;
import org.facesearch.data.image.Preprocessing;

/**
 * What is being evaluated: an embedder, a line saying what it is, and the people it was trained on
 * when known (empty Optional: the model does not say). Closing it closes the embedder.
 */
public record EvaluatedModel(Embedder embedder, String description, Optional<Set<String>> trainingIdentities)
    implements AutoCloseable {

  public EvaluatedModel {
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(description, "description");
    trainingIdentities = trainingIdentities.map(Set::copyOf);
  }

  /** The raw-pixel baseline: nothing was trained, so no one was seen. */
  public static EvaluatedModel pixels(Preprocessing preprocessing) {
    PixelEmbedder embedder = new PixelEmbedder(preprocessing);
    return new EvaluatedModel(
        embedder, "raw pixels (" + embedder.modelId() + "), the untrained baseline", Optional.of(Set.of()));
  }

  @Override
  public void close() {
    embedder.close();
  }
}
