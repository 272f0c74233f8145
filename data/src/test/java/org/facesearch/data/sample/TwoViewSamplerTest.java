package org.facesearch.data.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.testing.LfwSample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoViewSamplerTest {
  @TempDir static Path temp;
  static CachedCrops crops;

  @BeforeAll
  static void buildCache() {
    LfwDataset dataset =
        LfwDataset.open(
            LfwSample.copy(temp.resolve("lfw"), List.of("Abel_Pacheco", "Zico", "Amber_Tamblyn")));
    crops =
        new CropCache(temp.resolve("cache"), 2)
            .load(dataset, new Preprocessing(CropBox.SEED, ColorMode.RGB, 32));
  }

  @AfterAll
  static void close() {
    crops.close();
  }

  @Test
  void eachEpochVisitsEveryCropOnceWithTwoDifferentViews() {
    TwoViewSampler sampler = new TwoViewSampler(crops, new Augmenter(AugmentationConfig.SIMCLR), 1);
    for (int epoch = 0; epoch < 2; epoch++) {
      List<TwoViews> batch = sampler.nextBatch(crops.size());
      assertArrayEquals(
          IntStream.range(0, crops.size()).toArray(),
          batch.stream().mapToInt(TwoViews::index).sorted().toArray());
      for (TwoViews views : batch) {
        assertEquals(32, views.first().width());
        assertEquals(32, views.second().height());
        assertFalse(Arrays.equals(views.first().pixels(), views.second().pixels()));
        assertFalse(Arrays.equals(crops.crop(views.index()).pixels(), views.first().pixels()));
      }
    }
  }

  @Test
  void reproducibleBySeed() {
    Augmenter augmenter = new Augmenter(AugmentationConfig.SIMCLR);
    List<TwoViews> a = new TwoViewSampler(crops, augmenter, 5).nextBatch(4);
    List<TwoViews> b = new TwoViewSampler(crops, augmenter, 5).nextBatch(4);
    List<TwoViews> c = new TwoViewSampler(crops, augmenter, 6).nextBatch(4);
    for (int i = 0; i < 4; i++) {
      assertEquals(a.get(i).index(), b.get(i).index());
      assertArrayEquals(a.get(i).first().pixels(), b.get(i).first().pixels());
      assertArrayEquals(a.get(i).second().pixels(), b.get(i).second().pixels());
    }
    assertNotEquals(
        a.stream().map(v -> Arrays.toString(v.first().pixels())).toList(),
        c.stream().map(v -> Arrays.toString(v.first().pixels())).toList());
  }

  @Test
  void restrictedToItsPool() {
    int[] pool = {1, 4, 6};
    List<TwoViews> batch =
        new TwoViewSampler(crops, pool, new Augmenter(AugmentationConfig.NONE), 2).nextBatch(9);
    assertEquals(
        List.of(1, 4, 6), batch.subList(0, 3).stream().map(TwoViews::index).sorted().toList());
    assertArrayEquals(crops.crop(batch.get(0).index()).pixels(), batch.get(0).first().pixels());
  }
}
