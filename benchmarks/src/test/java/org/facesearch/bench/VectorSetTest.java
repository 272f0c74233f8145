package org.facesearch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.facesearch.model.PixelEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorSetTest {

  @Test
  void syntheticVectorsAreUnitLengthAndRepeatableBySeed() {
    VectorSet set = VectorSet.synthetic(500, 16, 20, 3);

    assertEquals(500, set.vectors().length);
    assertEquals(20, set.queries().length);
    assertEquals(16, set.dimension());
    for (float[] v : set.vectors()) {
      assertEquals(1.0, norm(v), 1e-5);
    }
    assertArrayEquals(set.vectors()[17], VectorSet.synthetic(500, 16, 20, 3).vectors()[17]);
    assertFalse(
        Arrays.equals(set.vectors()[17], VectorSet.synthetic(500, 16, 20, 4).vectors()[17]));
    for (float[] q : set.queries()) {
      assertTrue(
          Arrays.stream(set.vectors()).noneMatch(v -> Arrays.equals(v, q)),
          "queries are fresh draws, not indexed rows");
    }
  }

  @Test
  void syntheticVectorsAreClustered() {
    // Rows of one cluster are far closer than random unit vectors (cosine about 0) would be.
    VectorSet set = VectorSet.synthetic(400, 64, 1, 9);
    float[] query = set.queries()[0];
    ExactKnn exact = new ExactKnn();
    exact.build(set.vectors());
    int[] nearest = exact.search(query, 10, 10);
    for (int row : nearest) {
      assertTrue(dot(set.vectors()[row], query) > 0.5, "row " + row + " should share the cluster");
    }
  }

  @Test
  void anEmptySyntheticSetIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> VectorSet.synthetic(0, 128, 10, 1));
    assertTrue(e.getMessage().contains("size 0"), e.getMessage());
  }

  @Test
  void embeddedGalleryQueriesAreGalleryVectors(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    PixelEmbedder embedder = TestModels.pixels();
    try (CachedCrops crops =
        new CropCache(dir.resolve("cache")).load(LfwDataset.open(data), embedder.preprocessing())) {
      VectorSet set = VectorSet.embedded(embedder, crops, 5, 1);

      assertEquals(52, set.vectors().length);
      assertEquals(1024, set.dimension());
      assertArrayEquals(embedder.embed(List.of(crops.crop(3)))[0], set.vectors()[3]);
      for (float[] q : set.queries()) {
        assertTrue(Arrays.stream(set.vectors()).anyMatch(v -> Arrays.equals(v, q)));
      }
      assertTrue(set.description().contains("1 identities"), set.description());
    }
  }

  private static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
