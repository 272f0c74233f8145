package org.facesearch.data.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.facesearch.data.cache.CachedCrops;

/**
 * The crops a sampler may draw from (e.g. a split's training part), grouped by person. People are
 * drawn uniformly, not images, so one person with hundreds of photos does not dominate.
 */
final class IdentityPool {
  private final int[][] imagesByPerson;
  private final int[] peopleWithPairs;

  IdentityPool(CachedCrops crops, int[] pool) {
    if (pool.length == 0) {
      throw new IllegalArgumentException("cannot sample from an empty set of crops");
    }
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int index : pool) {
      groups.computeIfAbsent(crops.label(index), label -> new ArrayList<>()).add(index);
    }
    imagesByPerson =
        groups.values().stream()
            .map(g -> g.stream().mapToInt(Integer::intValue).toArray())
            .toArray(int[][]::new);
    List<Integer> paired = new ArrayList<>();
    for (int person = 0; person < imagesByPerson.length; person++) {
      if (imagesByPerson[person].length >= 2) {
        paired.add(person);
      }
    }
    peopleWithPairs = paired.stream().mapToInt(Integer::intValue).toArray();
    if (peopleWithPairs.length == 0 || imagesByPerson.length < 2) {
      throw new IllegalArgumentException(
          "sampling needs at least 2 people, one of them with 2+ images; the pool has "
              + imagesByPerson.length
              + " people, "
              + peopleWithPairs.length
              + " with 2+ images");
    }
  }

  /** Every crop index of {@code crops}. */
  static int[] all(CachedCrops crops) {
    int[] all = new int[crops.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /** A person with at least two images. */
  int personWithPair(SplittableRandom random) {
    return peopleWithPairs[random.nextInt(peopleWithPairs.length)];
  }

  /** Any person. */
  int person(SplittableRandom random) {
    return random.nextInt(imagesByPerson.length);
  }

  /** Someone other than {@code person}. */
  int otherPerson(int person, SplittableRandom random) {
    int other = random.nextInt(imagesByPerson.length - 1);
    return other >= person ? other + 1 : other;
  }

  /** One of {@code person}'s images. */
  int imageOf(int person, SplittableRandom random) {
    int[] images = imagesByPerson[person];
    return images[random.nextInt(images.length)];
  }

  /** Two distinct images of {@code person}, who must have at least two. */
  int[] twoImagesOf(int person, SplittableRandom random) {
    int[] images = imagesByPerson[person];
    int first = random.nextInt(images.length);
    int second = random.nextInt(images.length - 1);
    if (second >= first) {
      second++;
    }
    return new int[] {images[first], images[second]};
  }
}
