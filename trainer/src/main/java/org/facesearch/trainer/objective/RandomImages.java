package org.facesearch.trainer.objective;

import java.util.SplittableRandom;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.trainer.TrainingSetting;

/** Batches of distinct images drawn uniformly from a pool, from a seed only (so resumable). */
final class RandomImages {
  private RandomImages() {}

  static int[] draw(int[] pool, int size, long seed) {
    if (size > pool.length) {
      throw new InvalidSettingException(
          "a batch of "
              + size
              + " images needs more than the "
              + pool.length
              + " there are; lower ",
          TrainingSetting.BATCH);
    }
    int[] order = pool.clone();
    SplittableRandom random = new SplittableRandom(seed);
    // Partial Fisher-Yates: the first `size` slots end up a uniform sample without repetition.
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(order.length - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return java.util.Arrays.copyOf(order, size);
  }
}
