package org.facesearch.trainer.objective;

import org.facesearch.trainer.TrainConfig;

/** The check every objective drawing P x K batches makes. */
final class PkBatches {
  private PkBatches() {}

  static void check(String kind, TrainConfig c) {
    if (c.batch() < 2 * c.imagesPerPerson()) {
      throw new IllegalArgumentException(
          "a "
              + kind
              + " batch needs at least two people: batch "
              + c.batch()
              + " < 2 x "
              + c.imagesPerPerson()
              + " images per person");
    }
  }
}
