package org.facesearch.model.bundle;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.facesearch.model.arch.Head;

/**
 * What a model was trained to do, as its bundle records it; it fixes the training head and the
 * default embedding, which is all loading a bundle needs. Everything else about an objective (its
 * loss, defaults, checks, batches) lives in the trainer's {@code TrainingObjective} registry; a new
 * objective needs a value here only when bundles must name it.
 */
public enum Objective {
  /** Triplet loss on the TriNet head; the 64-d head output is the embedding. */
  TRIPLET("triplet", Head.TRINET, EmbeddingSource.HEAD),
  /** SimCLR's NT-Xent on the projection head; the backbone's features are the embedding. */
  NT_XENT("ntxent", Head.SIMCLR, EmbeddingSource.BACKBONE),
  /** Contrastive loss on the features themselves. */
  CONTRASTIVE("contrastive", Head.NONE, EmbeddingSource.BACKBONE),
  /** Binary cross-entropy of a same/different pair classifier over both features. */
  BCE("bce", Head.PAIR, EmbeddingSource.BACKBONE),
  /** CosFace or ArcFace over the training identities; the 128-d head output is the embedding. */
  MARGIN_SOFTMAX("margin-softmax", Head.EMBEDDING, EmbeddingSource.HEAD),
  /** A student reproducing a teacher's embeddings; the 128-d head output is the embedding. */
  DISTILL("distill", Head.EMBEDDING, EmbeddingSource.HEAD);

  private final String id;
  private final Head head;
  private final EmbeddingSource defaultEmbedding;

  Objective(String id, Head head, EmbeddingSource defaultEmbedding) {
    this.id = id;
    this.head = head;
    this.defaultEmbedding = defaultEmbedding;
  }

  /** The name bundles and command lines use. */
  public String id() {
    return id;
  }

  public Head head() {
    return head;
  }

  public EmbeddingSource defaultEmbedding() {
    return defaultEmbedding;
  }

  /** The objective with this {@link #id()}; an exception listing the known ones otherwise. */
  public static Objective fromId(String id) {
    for (Objective o : values()) {
      if (o.id.equals(id)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown objective '"
            + id
            + "'; known: "
            + Arrays.stream(values()).map(Objective::id).collect(Collectors.joining(", ")));
  }
}
