package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.PixelEmbedder;
import org.junit.jupiter.api.Test;

class PrincipalComponentsTest {

  /**
   * 8x8 grey pixel vectors (64-d) of real faces: more faces than dimensions, so either matrix can
   * be decomposed.
   */
  private static float[][] realFaces() {
    LfwDataset people =
        LfwDataset.open(LfwTestData.root()).withIdentities(List.of("Colin_Powell", "Tony_Blair"));
    Preprocessing tiny = new Preprocessing(CropBox.SEED, ColorMode.GREY, 8);
    List<FaceImage> photos = people.images().subList(0, 300);
    try (CropSource crops = new CropSource(TestCrops.cache(), people, tiny)) {
      return EmbeddedFaces.embed(new PixelEmbedder(tiny), crops, photos, "test faces").matrix();
    }
  }

  @Test
  void gramAndCovarianceRoutesGiveTheSameScoresOnRealFaces() {
    float[][] rows = realFaces();
    double[][] gram = PrincipalComponents.scores(rows, 3, PrincipalComponents.Route.GRAM);
    double[][] covariance =
        PrincipalComponents.scores(rows, 3, PrincipalComponents.Route.COVARIANCE);
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < rows.length; i++) {
        assertEquals(covariance[i][c], gram[i][c], 1e-6, "face " + i + ", component " + c);
      }
    }
  }

  @Test
  void scoresOfAHandComputedCaseAreTheProjectionsOnItsAxes() {
    // Points spread 4 along (1,1)/sqrt2 and 1 along (1,-1)/sqrt2, centred on (3,3): the first
    // component is the signed distance along (1,1), the second along (1,-1).
    float[][] rows = {{5, 5}, {1, 1}, {3.5f, 2.5f}, {2.5f, 3.5f}};
    double[][] scores = PrincipalComponents.scores(rows, 2, PrincipalComponents.Route.COVARIANCE);
    double r = Math.sqrt(2);
    double[][] expected = {{2 * r, 0}, {-2 * r, 0}, {0, r / 2}, {0, -r / 2}};
    for (int i = 0; i < rows.length; i++) {
      assertEquals(expected[i][0], scores[i][0], 1e-9, "row " + i);
      assertEquals(Math.abs(expected[i][1]), Math.abs(scores[i][1]), 1e-9, "row " + i);
    }
    assertEquals(-scores[2][1], scores[3][1], 1e-9);
  }

  @Test
  void componentsAreCentredUncorrelatedAndByDecreasingVariance() {
    double[][] scores = PrincipalComponents.scores(realFaces(), 4);
    double[] variance = new double[4];
    for (int c = 0; c < 4; c++) {
      double mean = 0;
      for (double[] row : scores) {
        mean += row[c];
      }
      assertEquals(0, mean / scores.length, 1e-6);
      for (double[] row : scores) {
        variance[c] += row[c] * row[c];
      }
      for (int d = 0; d < c; d++) {
        assertEquals(
            0, dot(scores, scores, c, d) / scores.length, 1e-6, "components " + d + " and " + c);
      }
    }
    for (int c = 1; c < 4; c++) {
      assertTrue(
          variance[c] <= variance[c - 1], "variance falls: " + java.util.Arrays.toString(variance));
    }
  }

  @Test
  void moreDimensionsThanRowsIsFine() {
    // Three points on a line in 1,000 dimensions: one component carries everything.
    float[][] rows = new float[3][1000];
    for (int j = 0; j < 1000; j++) {
      rows[0][j] = 1;
      rows[2][j] = -1;
    }
    double[][] scores = PrincipalComponents.scores(rows, 2);
    double spread = Math.sqrt(1000);
    assertEquals(spread, Math.abs(scores[0][0]), 1e-6);
    assertEquals(0, scores[1][0], 1e-6);
    assertEquals(-scores[0][0], scores[2][0], 1e-6);
    for (double[] row : scores) {
      assertEquals(0, row[1], 1e-6);
    }
  }

  @Test
  void asManyComponentsAsRowsIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PrincipalComponents.scores(new float[3][5], 3));
    assertEquals("can take 1..2 principal components of 3 rows, asked for 3", e.getMessage());
  }

  private static double dot(double[][] a, double[][] b, int columnA, int columnB) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i][columnA] * b[i][columnB];
    }
    return sum;
  }
}
