package org.facesearch.model.bundle;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.facesearch.model.arch.Head;

/** What a model was trained to do; it fixes the training head and the default embedding. */
public enum Objective {
  /** Triplet loss on the TriNet head; the 64-d head output is the embedding. */
  TRIPLET("triplet", Head.TRINET, EmbeddingSource.HEAD),
  /** SimCLR's NT-Xent on the projection head; the backbone's features are the embedding. */
  NT_XENT("ntxent", Head.SIMCLR, EmbeddingSource.BACKBONE),
  /** Contrastive loss on the features themselves. */
  CONTRASTIVE("contrastive", Head.NONE, EmbeddingSource.BACKBONE),
  /** Binary cross-entropy of a same/different pair classifier over both features. */
  BCE("bce", Head.PAIR, EmbeddingSource.BACKBONE);

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
        "unknown objective '" + id + "'; known: "
            + Arrays.stream(values()).map(Objective::id).collect(Collectors.joining(", ")));
  }
}
