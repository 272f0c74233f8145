package org.facesearch.data.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.data.cache.CachedCrops;

/**
 * Random same/different pairs for Siamese training, half of each per batch (the odd one out of an
 * odd batch is drawn at random) in shuffled order. Same pairs are two distinct images of a person
 * drawn among those with 2+ images; different pairs join two distinct, uniformly drawn people.
 */
public final class PairSampler {
  private final IdentityPool pool;
  private final SplittableRandom random;

  public PairSampler(CachedCrops crops, long seed) {
    this(crops, IdentityPool.all(crops), seed);
  }

  /** Samples from the crops at {@code indices} only. */
  public PairSampler(CachedCrops crops, int[] indices, long seed) {
    this.pool = new IdentityPool(crops, indices);
    this.random = new SplittableRandom(seed);
  }

  public List<IndexPair> nextBatch(int size) {
    int same = size / 2 + (size % 2 == 1 && random.nextBoolean() ? 1 : 0);
    List<IndexPair> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(i < same ? samePerson() : differentPeople());
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      batch.set(j, batch.set(i, batch.get(j)));
    }
    return batch;
  }

  private IndexPair samePerson() {
    int[] images = pool.twoImagesOf(pool.personWithPair(random), random);
    return new IndexPair(images[0], images[1], true);
  }

  private IndexPair differentPeople() {
    int first = pool.person(random);
    int second = pool.otherPerson(first, random);
    return new IndexPair(pool.imageOf(first, random), pool.imageOf(second, random), false);
  }
}
