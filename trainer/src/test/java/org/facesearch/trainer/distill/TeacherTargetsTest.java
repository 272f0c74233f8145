package org.facesearch.trainer.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.PixelEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherTargetsTest {
  @Test
  void centringSubtractsTheTrainingMeanOnlyThenNormalises() {
    Map<Integer, float[]> rows = new HashMap<>();
    rows.put(0, new float[] {2, 1});
    rows.put(1, new float[] {0, 1});
    rows.put(7, new float[] {1, 3}); // a validation crop: centred, but not part of the mean
    TeacherTargets.centre(rows, new int[] {0, 1});
    // Training mean (1, 1): (1, 0), (-1, 0) and (0, 2) -> (0, 1).
    assertArrayEquals(new float[] {1, 0}, rows.get(0), 1e-6f);
    assertArrayEquals(new float[] {-1, 0}, rows.get(1), 1e-6f);
    assertArrayEquals(new float[] {0, 1}, rows.get(7), 1e-6f);
  }

  @Test
  void aVectorAtTheCentreHasNoDirectionAndIsRefused() {
    Map<Integer, float[]> rows = new HashMap<>();
    rows.put(0, new float[] {1, 1});
    rows.put(1, new float[] {1, 1});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TeacherTargets.centre(rows, new int[] {0, 1}));
    assertEquals(
        "crop 0's teacher vector is the training mean: it has no direction", e.getMessage());
  }

  @Test
  void formsAreNamedByTheirCommandLineIds() {
    assertEquals(TargetForm.MIRROR_CENTRED, TargetForm.fromId("mirror-centred"));
    assertEquals("plain", TargetForm.PLAIN.id());
    assertEquals(
        "unknown teacher target form 'centred'; known: plain, mirror-centred",
        assertThrows(IllegalArgumentException.class, () -> TargetForm.fromId("centred"))
            .getMessage());
  }

  /**
   * A blend's target is made the way every other target is: a blend that is all of one face (weight
   * 1) gets exactly that face's prepared target, all of the other (weight 0) the other's, and an
   * even blend lies between them, nearer each than they are to each other. Real LFW faces; a pixel
   * teacher of another size than the student's head, so the projection is on the way too.
   */
  @Test
  void aBlendsTargetIsMadeAsThePreparedTargetsAre(@TempDir Path dir) throws Exception {
    LfwDataset lfw =
        LfwDataset.open(LfwTestData.root()).withIdentities(Set.of("Hugo_Chavez", "Tony_Blair"));
    CropCache cache = new CropCache(dir);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (Embedder teacher = new PixelEmbedder(new Preprocessing(CropBox.SEED, ColorMode.GREY, 32));
        Embedder student = new PixelEmbedder(new Preprocessing(CropBox.SEED, ColorMode.RGB, 48));
        CachedCrops studentCrops = student.cachedCrops(cache, lfw);
        NDManager manager = NDManager.newBaseManager()) {
      int n = studentCrops.size();
      int[] train = IntStream.range(0, n - 10).toArray();
      int[] validation = IntStream.range(n - 10, n).toArray();
      for (TargetForm form : TargetForm.values()) {
        try (TeacherTargets targets =
            TeacherTargets.prepare(
                teacher,
                lfw,
                cache,
                studentCrops,
                train,
                validation,
                128,
                new TargetRecipe(form, 0),
                quiet)) {
          int[] a = {0, 5, 30};
          int[] b = {40, 70, 1};
          float[] prepared = targets.of(manager, a).toFloatArray();
          float[] partners = targets.of(manager, b).toFloatArray();
          assertArrayEquals(
              prepared,
              targets.blended(manager, a, b, new float[] {1, 1, 1}).toFloatArray(),
              1e-5f,
              form + ", weight 1");
          assertArrayEquals(
              partners,
              targets.blended(manager, a, b, new float[] {0, 0, 0}).toFloatArray(),
              1e-5f,
              form + ", weight 0");
          float[] even =
              targets.blended(manager, a, b, new float[] {0.5f, 0.5f, 0.5f}).toFloatArray();
          for (int k = 0; k < a.length; k++) {
            double apart = dot(prepared, partners, k);
            double toA = dot(even, prepared, k);
            double toB = dot(even, partners, k);
            assertEquals(1, dot(even, even, k), 1e-5, "unit length");
            assertTrue(
                toA > apart && toB > apart,
                form + " pair " + k + ": " + toA + ", " + toB + " vs " + apart);
          }
        }
      }
    }
  }

  private static double dot(float[] x, float[] y, int row) {
    double sum = 0;
    for (int j = 0; j < 128; j++) {
      sum += (double) x[row * 128 + j] * y[row * 128 + j];
    }
    return sum;
  }
}
