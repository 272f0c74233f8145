package org.facesearch.data.sample;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.image.FaceCrop;

/**
 * Batches for SimCLR: goes through the crops in a fresh seeded random order each epoch and returns
 * two independently augmented views of each, augmented on all cores. Labels are not used.
 */
public final class TwoViewSampler {
  private final CachedCrops crops;
  private final int[] order;
  private final Augmenter augmenter;
  private final SplittableRandom random;
  private int next;

  public TwoViewSampler(CachedCrops crops, Augmenter augmenter, long seed) {
    this(crops, IdentityPool.all(crops), augmenter, seed);
  }

  /** Draws from the crops at {@code indices} only. */
  public TwoViewSampler(CachedCrops crops, int[] indices, Augmenter augmenter, long seed) {
    if (indices.length == 0) {
      throw new IllegalArgumentException("cannot sample views from an empty set of crops");
    }
    this.crops = crops;
    this.order = indices.clone();
    this.augmenter = augmenter;
    this.random = new SplittableRandom(seed);
    this.next = order.length; // shuffle before the first batch
  }

  public List<TwoViews> nextBatch(int size) {
    int[] indices = new int[size];
    long[] seeds = new long[size];
    for (int i = 0; i < size; i++) {
      if (next == order.length) {
        shuffle();
        next = 0;
      }
      indices[i] = order[next++];
      seeds[i] = random.nextLong();
    }
    // Each item has its own seed, so augmenting in parallel gives the same views as in sequence.
    return IntStream.range(0, size)
        .parallel()
        .mapToObj(i -> views(indices[i], new SplittableRandom(seeds[i])))
        .toList();
  }

  private TwoViews views(int index, SplittableRandom itemRandom) {
    FaceCrop crop = crops.crop(index);
    return new TwoViews(
        index, augmenter.apply(crop, itemRandom), augmenter.apply(crop, itemRandom));
  }

  private void shuffle() {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
