package org.facesearch.model.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.PixelEmbedder;
import org.facesearch.model.bundle.InvalidModelBundleException;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.features.LbpDescriptor;
import org.facesearch.model.features.LinearProjection;
import org.facesearch.model.input.InputAlignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusedModelTest {
  private static final Preprocessing FULL_64 = new Preprocessing(CropBox.FULL, ColorMode.RGB, 64);
  private static final Preprocessing FULL_32 = new Preprocessing(CropBox.FULL, ColorMode.RGB, 32);

  @TempDir Path dir;

  /**
   * Real LFW faces through raw pixels at 64 and at 32 (resampled from the 64-pixel crop): the dot
   * product of two fused vectors is the weighted sum of the parts' own cosines, and fused vectors
   * have unit length.
   */
  @Test
  void aFusedCosineIsTheWeightedSumOfThePartsCosinesOnRealFaces() throws IOException {
    List<FaceCrop> faces = faces(FULL_64, 4);
    List<FaceCrop> small = new ArrayList<>();
    for (var image : images(4)) {
      small.add(FULL_32.apply(image));
    }
    try (Embedder a = new PixelEmbedder(FULL_64);
        Embedder b = new PixelEmbedder(FULL_32);
        Embedder fused =
            new FusedEmbedder(
                "f",
                List.of(new PixelEmbedder(FULL_64), new PixelEmbedder(FULL_32)),
                new double[] {0.7, 0.3})) {
      float[][] fa = a.embed(faces);
      float[][] fb = b.embed(small);
      float[][] f = fused.embed(faces);
      assertEquals(64 * 64 * 3 + 32 * 32 * 3, fused.dimension());
      for (int i = 0; i < faces.size(); i++) {
        assertEquals(1.0, Math.sqrt(dot(f[i], f[i])), 1e-5);
        for (int j = 0; j < faces.size(); j++) {
          // Resampling the 64-pixel crop to 32 and cropping the photo at 32 directly differ by
          // rounding only.
          assertEquals(0.7 * dot(fa[i], fa[j]) + 0.3 * dot(fb[i], fb[j]), dot(f[i], f[j]), 2e-3);
        }
      }
    }
  }

  @Test
  void partsThatCropDifferentlyOrWeightsThatDoNotSumToOneAreRefused() {
    Preprocessing seed = new Preprocessing(CropBox.SEED, ColorMode.RGB, 64);
    IllegalArgumentException crop =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new FusedEmbedder(
                    "f",
                    List.of(new PixelEmbedder(FULL_64), new PixelEmbedder(seed)),
                    new double[] {0.5, 0.5}));
    assertTrue(
        crop.getMessage().endsWith("fused parts must take the same crop (their sizes may differ)"),
        crop.getMessage());
    IllegalArgumentException sum =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new FusedEmbedder(
                    "f",
                    List.of(new PixelEmbedder(FULL_64), new PixelEmbedder(FULL_32)),
                    new double[] {0.5, 0.6}));
    assertTrue(sum.getMessage().startsWith("the parts' weights must sum to 1"), sum.getMessage());
  }

  /** Two small feature models fused, written, read back; a part swapped for another is noticed. */
  @Test
  void aWrittenFusedModelCopiesItsPartsAndRefusesAPartThatIsNoLongerTheRecordedModel()
      throws Exception {
    LbpDescriptor small = new LbpDescriptor(16, 16, List.of(64, 32));
    Path one = write(small, 1, "one");
    Path two = write(small, 2, "two");
    Path other = write(small, 3, "other");
    FeatureModel first = FeatureModel.open(one);
    FeatureModel second = FeatureModel.open(two);
    FusedModel written =
        FusedModel.write(
            dir.resolve("fused"),
            List.of(one, two),
            new double[] {0.75, 0.25},
            List.of(first.modelId(false), second.modelId(false)),
            record());
    assertTrue(FusedModel.isFusedModel(dir.resolve("fused")));
    assertFalse(FusedModel.isFusedModel(one));
    FusedModel read = FusedModel.open(dir.resolve("fused"));
    assertEquals(written.modelId(), read.modelId());
    assertEquals(0.75, read.parts().get(0).weight());
    try (Embedder embedder = read.embedder(FusedModelTest::load)) {
      assertEquals(8, embedder.dimension());
      float[] v = embedder.embed(faces(FULL_64, 1))[0];
      assertEquals(1.0, Math.sqrt(dot(v, v)), 1e-5);
    }
    // Replace part-2's contents with another model's: its id no longer matches the record.
    Path part2 = dir.resolve("fused").resolve("part-2");
    for (String file : List.of(FeatureModel.METADATA_FILE, FeatureModel.PROJECTION_FILE)) {
      Files.copy(
          other.resolve(file),
          part2.resolve(file),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    InvalidModelBundleException e =
        assertThrows(InvalidModelBundleException.class, () -> read.embedder(FusedModelTest::load));
    assertTrue(e.getMessage().endsWith("fuse the models again"), e.getMessage());
  }

  private static Embedder load(Path folder) {
    FeatureModel model = FeatureModel.open(folder);
    return FeatureModel.embedder(
        model.modelId(false), model.descriptor(), model.projection(), false);
  }

  private Path write(LbpDescriptor descriptor, long seed, String name) throws IOException {
    Random random = new Random(seed);
    float[] mean = new float[descriptor.dimension()];
    float[] matrix = new float[descriptor.dimension() * 4];
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = (float) random.nextGaussian();
    }
    return FeatureModel.write(
            dir.resolve(name),
            descriptor,
            InputAlignment.NONE,
            false,
            new LinearProjection(mean, matrix, 4),
            record())
        .directory();
  }

  private static TrainingRecord record() {
    return new TrainingRecord(Map.of(), "cpu", "test", 0, 0, Map.of(), 0, Instant.EPOCH, "test");
  }

  private static List<java.awt.image.BufferedImage> images(int count) throws IOException {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    List<java.awt.image.BufferedImage> out = new ArrayList<>();
    for (var image : lfw.imagesOf("Abdoulaye_Wade").subList(0, count)) {
      out.add(ImageIO.read(image.path().toFile()));
    }
    return out;
  }

  private static List<FaceCrop> faces(Preprocessing prep, int count) throws IOException {
    List<FaceCrop> out = new ArrayList<>();
    for (var image : images(count)) {
      out.add(prep.apply(image));
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
