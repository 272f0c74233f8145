package org.facesearch.trainer.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.trainer.TrainingSetting;

/**
 * P x K batches for batch-hard triplets and batch-all pairs: people with at least two images, drawn
 * uniformly without repetition within a batch, each with up to K of their images (distinct, at
 * random); people are added until the batch is full, so the last may have fewer images (a lone
 * image still serves as others' negative).
 */
public final class PkSampler {
  private final int[][] imagesByPerson;
  private final int[] labels;

  /** Draws from the crops at {@code indices}, among people with 2+ images there. */
  public PkSampler(CachedCrops crops, int[] indices) {
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int index : indices) {
      groups.computeIfAbsent(crops.label(index), l -> new ArrayList<>()).add(index);
    }
    List<int[]> people = new ArrayList<>();
    List<Integer> personLabels = new ArrayList<>();
    groups.forEach(
        (label, images) -> {
          if (images.size() >= 2) {
            people.add(images.stream().mapToInt(Integer::intValue).toArray());
            personLabels.add(label);
          }
        });
    if (people.size() < 2) {
      throw new IllegalArgumentException(
          "P x K batches need at least 2 people with 2+ images; the training crops have "
              + people.size());
    }
    this.imagesByPerson = people.toArray(int[][]::new);
    this.labels = personLabels.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Number of people batches are drawn from. */
  public int people() {
    return imagesByPerson.length;
  }

  /** The largest batch {@link #next} can fill with this many images per person. */
  public int capacity(int perPerson) {
    long total = 0;
    for (int[] own : imagesByPerson) {
      total += Math.min(perPerson, own.length);
    }
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  /**
   * A batch of {@code size} crop indices with their identity labels.
   *
   * @throws IllegalArgumentException if the people run out before the batch is full
   */
  public LabelledBatch next(int size, int perPerson, SplittableRandom random) {
    int[] order = new int[imagesByPerson.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int[] indices = new int[size];
    int[] batchLabels = new int[size];
    int filled = 0;
    for (int drawn = 0; filled < size; drawn++) {
      if (drawn == order.length) {
        throw new InvalidSettingException(
            "a batch of "
                + size
                + " needs more people than the "
                + order.length
                + " with 2+ training images; lower ",
            TrainingSetting.BATCH);
      }
      // Partial Fisher-Yates: the next person, uniformly among those not yet in the batch.
      int pick = drawn + random.nextInt(order.length - drawn);
      int person = order[pick];
      order[pick] = order[drawn];
      order[drawn] = person;
      int[] own = imagesByPerson[person].clone();
      int take = Math.min(Math.min(perPerson, own.length), size - filled);
      for (int k = 0; k < take; k++) {
        int j = k + random.nextInt(own.length - k);
        int t = own[j];
        own[j] = own[k];
        own[k] = t;
        indices[filled] = own[k];
        batchLabels[filled] = labels[person];
        filled++;
      }
    }
    return new LabelledBatch(indices, batchLabels);
  }
}
