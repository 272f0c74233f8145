package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.validation.metric.AdjustedRandIndex;

class IdentityClusteringTest {

  @Test
  void adjustedRandIndexIsOneForTheSamePartitionUnderAnyNames() {
    int[] truth = {0, 0, 0, 1, 1, 2, 2, 2, 2};
    int[] renamed = {5, 5, 5, 3, 3, 9, 9, 9, 9};
    assertEquals(1.0, AdjustedRandIndex.of(truth, truth), 1e-12);
    assertEquals(1.0, AdjustedRandIndex.of(truth, renamed), 1e-12);
  }

  @Test
  void adjustedRandIndexIsNearZeroForUnrelatedLabels() {
    SplittableRandom random = new SplittableRandom(7);
    int[] truth = new int[3000];
    int[] guess = new int[3000];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = random.nextInt(12);
      guess[i] = random.nextInt(12);
    }
    assertEquals(0, AdjustedRandIndex.of(truth, guess), 0.01);
  }

  @Test
  void wellSeparatedPeopleAreRecoveredExactly() {
    SplittableRandom random = new SplittableRandom(3);
    List<String> identities = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (int person = 0; person < 4; person++) {
      for (int k = 0; k < 25; k++) {
        float[] v = new float[8];
        v[person] = 1;
        for (int j = 0; j < v.length; j++) {
          v[j] += (float) (random.nextGaussian() * 0.05);
        }
        identities.add("Person_" + person);
        vectors.add(v);
      }
    }
    IdentityClustering result =
        IdentityClustering.of(Faces.of(identities, vectors.toArray(float[][]::new)), 3, 11);
    assertEquals(1.0, result.ari(), 1e-12);
    assertEquals(4, result.clusters());
    assertEquals(100, result.faces());
  }

  @Test
  void facesWithNothingInCommonPerPersonScoreAboutZero() {
    SplittableRandom random = new SplittableRandom(5);
    List<String> identities = new ArrayList<>();
    float[][] vectors = new float[600][16];
    for (int i = 0; i < vectors.length; i++) {
      identities.add("Person_" + (i % 6));
      for (int j = 0; j < 16; j++) {
        vectors[i][j] = (float) random.nextGaussian();
      }
    }
    IdentityClustering result = IdentityClustering.of(Faces.of(identities, vectors), 2, 1);
    assertEquals(0, result.ari(), 0.02);
  }

  @Test
  void theSameSeedGivesTheSameClusters() {
    SplittableRandom random = new SplittableRandom(9);
    List<String> identities = new ArrayList<>();
    float[][] vectors = new float[120][6];
    for (int i = 0; i < vectors.length; i++) {
      identities.add("Person_" + (i % 3));
      vectors[i][i % 3] = 0.6f;
      for (int j = 0; j < 6; j++) {
        vectors[i][j] += (float) random.nextGaussian() * 0.4f;
      }
    }
    EmbeddedFaces faces = Faces.of(identities, vectors);
    assertEquals(IdentityClustering.of(faces, 2, 123), IdentityClustering.of(faces, 2, 123));
  }

  @Test
  void onePersonCannotBeClustered() {
    EmbeddedFaces faces =
        Faces.of(List.of("Ann", "Ann", "Ann"), new float[][] {{1, 0}, {0, 1}, {1, 1}});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IdentityClustering.of(faces, 1, 0));
    assertTrue(e.getMessage().contains("at least two people"), e.getMessage());
  }
}
