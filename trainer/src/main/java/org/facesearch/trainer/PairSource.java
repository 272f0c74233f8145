package org.facesearch.trainer;

import java.util.Locale;

/** Where the pairs of the pair objectives (contrastive, bce) come from. */
public enum PairSource {
  /** Balanced random same/different pairs of the training people ({@code PairSampler}). */
  SAMPLED,
  /** {@code pairsDevTrain.txt}'s pairs (those not touching validation people), reshuffled. */
  PROTOCOL,
  /** Half of each batch from each of the above. */
  MIXED,
  /**
   * "Batch-all": PK batches (P people x K images) with every pair of images in the batch;
   * contrastive only.
   */
  BATCH_ALL;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static PairSource fromId(String id) {
    for (PairSource p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown pair source '" + id + "'; known: sampled, protocol, mixed, batch-all");
  }
}
