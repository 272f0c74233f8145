package org.facesearch.trainer;

import java.util.Locale;

/** How triplets are formed. */
public enum Mining {
  /** Random (anchor, positive, negative) triples from {@code TripletSampler}; batch = triplets. */
  RANDOM,
  /**
   * PK batches (P people x K images) where each image's farthest same-person and nearest
   * other-person image in the batch make its triplet; batch = images.
   */
  BATCH_HARD;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Mining fromId(String id) {
    for (Mining m : values()) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown mining '" + id + "'; known: random, batch-hard");
  }
}
