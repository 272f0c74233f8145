package org.facesearch.trainer.data;

/**
 * Seeds derived from a run's seed, one per step: each step's batch depends only on (seed, step), so
 * a resumed run draws exactly the batches the uninterrupted run would have.
 */
public final class StepSeeds {
  private StepSeeds() {}

  /** A well-mixed seed for {@code stream} (a step number, or a negative constant for a purpose). */
  public static long of(long seed, long stream) {
    // SplitMix64's finaliser over the pair: neighbouring steps get unrelated seeds.
    long z = seed * 0x9E3779B97F4A7C15L + stream + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
