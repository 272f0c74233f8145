package org.facesearch.model.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.facesearch.model.bundle.InvalidModelBundleException;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.input.InputAlignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureModelTest {
  /** A small descriptor keeps the projection small: 2 scales of 4x4 and 2x2 cells. */
  private static final LbpDescriptor SMALL = new LbpDescriptor(16, 16, List.of(64, 32));

  @TempDir Path dir;

  @Test
  void aWrittenModelReadsBackTheSameProjectionAndEmbedsRealFacesToUnitVectors() throws Exception {
    LinearProjection projection = randomProjection(SMALL.dimension(), 12, 7);
    FeatureModel written =
        FeatureModel.write(
            dir.resolve("m"), SMALL, InputAlignment.NONE, true, projection, record());
    FeatureModel read = FeatureModel.open(dir.resolve("m"));
    assertTrue(FeatureModel.isFeatureModel(dir.resolve("m")));
    assertEquals(written.modelId(), read.modelId());
    assertTrue(read.modelId().startsWith("lbp-projection-") && read.modelId().endsWith("-flip"));
    assertEquals(SMALL, read.descriptor());
    assertArrayEquals(projection.matrix(), read.projection().matrix());
    assertArrayEquals(projection.mean(), read.projection().mean());
    assertEquals(0.5, read.training().metrics().get("view1Accuracy"));
    assertFalse(
        Files.list(dir).anyMatch(p -> p.getFileName().toString().contains(".tmp-")),
        "no temporary folder is left behind");

    List<FaceCrop> faces = realFaces(3);
    try (Embedder flipped = FeatureModel.embedder("t", SMALL, read.projection(), true);
        Embedder plain = FeatureModel.embedder("t", SMALL, read.projection(), false)) {
      float[][] rows = flipped.embed(faces);
      for (float[] row : rows) {
        assertEquals(12, row.length);
        assertEquals(1.0, norm(row), 1e-5);
      }
      // Flip averaging sums a face's and its mirror's projections: a face and its mirror image
      // get the same vector; without it they differ.
      float[] mirrored = flipped.embed(List.of(faces.get(0).mirrored()))[0];
      assertArrayEquals(rows[0], mirrored, 1e-5f);
      assertNotEquals(
          plain.embed(List.of(faces.get(0)))[0][0],
          plain.embed(List.of(faces.get(0).mirrored()))[0][0]);
      IllegalArgumentException wrongSize =
          assertThrows(
              IllegalArgumentException.class,
              () -> plain.embed(List.of(new FaceCrop(3, 32, 32, new byte[3 * 32 * 32]))));
      assertEquals("crop 0 is 3x32x32 but t takes 3x64x64", wrongSize.getMessage());
    }
  }

  @Test
  void aDamagedProjectionFileIsRefusedWithBothHashes() throws Exception {
    FeatureModel.write(
        dir.resolve("m"),
        SMALL,
        InputAlignment.NONE,
        false,
        randomProjection(SMALL.dimension(), 4, 1),
        record());
    Path file = dir.resolve("m").resolve(FeatureModel.PROJECTION_FILE);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);
    FeatureModel model = FeatureModel.open(dir.resolve("m"));
    InvalidModelBundleException e =
        assertThrows(InvalidModelBundleException.class, model::projection);
    assertTrue(e.getMessage().contains("is damaged: its SHA-256 is"), e.getMessage());
    assertTrue(
        e.getMessage().endsWith("train the model again or copy the folder anew"), e.getMessage());
  }

  @Test
  void anExistingFolderIsNeverReplacedAndAMismatchedProjectionNeverWritten() throws IOException {
    Files.createDirectories(dir.resolve("taken"));
    IOException taken =
        assertThrows(
            IOException.class,
            () ->
                FeatureModel.write(
                    dir.resolve("taken"),
                    SMALL,
                    InputAlignment.NONE,
                    false,
                    randomProjection(SMALL.dimension(), 4, 1),
                    record()));
    assertTrue(taken.getMessage().contains("already exists"), taken.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FeatureModel.write(
                dir.resolve("new"),
                SMALL,
                InputAlignment.NONE,
                false,
                randomProjection(10, 4, 1),
                record()));
    assertFalse(Files.exists(dir.resolve("new")));
  }

  @Test
  void aFolderWithoutTheProjectionIsNotAFeatureModel() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    assertFalse(FeatureModel.isFeatureModel(dir.resolve("empty")));
    InvalidModelBundleException e =
        assertThrows(
            InvalidModelBundleException.class, () -> FeatureModel.open(dir.resolve("empty")));
    assertTrue(e.getMessage().contains("needs both model.json and projection.bin"), e.getMessage());
  }

  private static LinearProjection randomProjection(int inputs, int outputs, long seed) {
    Random random = new Random(seed);
    float[] mean = new float[inputs];
    float[] matrix = new float[inputs * outputs];
    for (int i = 0; i < inputs; i++) {
      mean[i] = random.nextFloat() * 0.1f;
    }
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = (float) random.nextGaussian();
    }
    return new LinearProjection(mean, matrix, outputs);
  }

  private static TrainingRecord record() {
    return new TrainingRecord(
        Map.of("objective", FeatureModel.KIND),
        "cpu",
        "test",
        1,
        0,
        Map.of("view1Accuracy", 0.5),
        1.0,
        Instant.EPOCH,
        "test");
  }

  private static List<FaceCrop> realFaces(int count) throws IOException {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    Preprocessing prep = new Preprocessing(CropBox.SEED, ColorMode.RGB, 64);
    List<FaceCrop> out = new java.util.ArrayList<>();
    for (var image : lfw.imagesOf("Aaron_Peirsol").subList(0, count)) {
      out.add(prep.apply(ImageIO.read(image.path().toFile())));
    }
    return out;
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
