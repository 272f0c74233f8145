package org.facesearch.data.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.data.cache.CachedCrops;

/**
 * Random (anchor, positive, negative) triples for triplet-loss training: the anchor's person is
 * drawn uniformly among people with 2+ images, the positive is another of their images, the
 * negative an image of a uniformly drawn other person. The sequence is fixed by the seed.
 */
public final class TripletSampler {
  private final IdentityPool pool;
  private final SplittableRandom random;

  /** Samples from every crop. */
  public TripletSampler(CachedCrops crops, long seed) {
    this(crops, IdentityPool.all(crops), seed);
  }

  /** Samples from the crops at {@code indices} only (e.g. the training part of a split). */
  public TripletSampler(CachedCrops crops, int[] indices, long seed) {
    this.pool = new IdentityPool(crops, indices);
    this.random = new SplittableRandom(seed);
  }

  public Triplet next() {
    int person = pool.personWithPair(random);
    int[] same = pool.twoImagesOf(person, random);
    return new Triplet(same[0], same[1], pool.imageOf(pool.otherPerson(person, random), random));
  }

  public List<Triplet> nextBatch(int size) {
    List<Triplet> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(next());
    }
    return batch;
  }
}
