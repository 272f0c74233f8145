package org.facesearch.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.trainer.TrainingSetting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** P x K batches drawn from real LFW crops: five people, one of them with a single photo. */
class PkSamplerTest {
  @TempDir static Path cacheDir;
  static CachedCrops crops;

  @BeforeAll
  static void load() {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    // 4, 4, 7, 8 photos, and Aaron_Eckhart with 1.
    crops =
        new CropCache(cacheDir, 2)
            .load(
                lfw.withIdentities(
                    List.of(
                        "Aaron_Peirsol",
                        "Abdoulaye_Wade",
                        "Al_Sharpton",
                        "Al_Gore",
                        "Aaron_Eckhart")),
                Preprocessing.RESNET_64);
  }

  @AfterAll
  static void close() {
    crops.close();
  }

  private static int[] all() {
    int[] all = new int[crops.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  @Test
  void batchesHoldKDistinctImagesOfEachOfPPeople() {
    PkSampler sampler = new PkSampler(crops, all());
    assertEquals(4, sampler.people(), "the one-photo person cannot be in a P x K batch");
    LabelledBatch batch = sampler.next(12, 3, new SplittableRandom(5));
    Map<Integer, Integer> perLabel = new HashMap<>();
    Set<Integer> distinct = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      int index = batch.indices()[i];
      assertEquals(crops.label(index), batch.labels()[i], "label of " + crops.image(index).key());
      assertTrue(distinct.add(index), "image drawn twice: " + crops.image(index).key());
      perLabel.merge(batch.labels()[i], 1, Integer::sum);
    }
    assertEquals(4, perLabel.size(), "12 images at 3 per person are 4 people: " + perLabel);
    perLabel.values().forEach(k -> assertEquals(3, k));
  }

  @Test
  void theSameSeedGivesTheSameBatch() {
    PkSampler sampler = new PkSampler(crops, all());
    LabelledBatch a = sampler.next(8, 4, new SplittableRandom(42));
    LabelledBatch b = sampler.next(8, 4, new SplittableRandom(42));
    assertArrayEquals(a.indices(), b.indices());
  }

  @Test
  void capacityAndTooLargeBatches() {
    PkSampler sampler = new PkSampler(crops, all());
    assertEquals(16, sampler.capacity(4)); // 4 + 4 + 4 + 4
    assertEquals(23, sampler.capacity(8)); // 4 + 4 + 7 + 8
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class, () -> sampler.next(17, 4, new SplittableRandom(1)));
    assertTrue(e.getMessage().endsWith("; lower the batch size"), e.getMessage());
    assertEquals(Optional.of(TrainingSetting.BATCH), e.setting());
  }

  @Test
  void fewerThanTwoPeopleWithPairsIsRefused() {
    int[] alGoreAndAaron =
        crops.images().stream()
            .filter(i -> i.identity().equals("Al_Gore") || i.identity().equals("Aaron_Eckhart"))
            .mapToInt(crops::indexOf)
            .toArray();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PkSampler(crops, alGoreAndAaron));
    assertEquals(
        "P x K batches need at least 2 people with 2+ images; the training crops have 1",
        e.getMessage());
  }
}
