package org.facesearch.searcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import javax.imageio.ImageIO;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.features.LbpDescriptor;
import org.facesearch.model.features.LinearProjection;
import org.facesearch.model.fusion.FusedModel;
import org.facesearch.model.input.InputAlignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model DIR} for the two kinds of model folder that are not network bundles: a feature
 * model and a fused model load through the same resolution as every bundle, with the threshold
 * their training recorded, and embed a real LFW photo.
 */
class FeatureModelSourceTest {
  private static final LbpDescriptor SMALL = new LbpDescriptor(16, 16, List.of(64, 32));

  @TempDir Path dir;

  @Test
  void featureAndFusedModelFoldersLoadAsModelsWithTheirRecordedThresholds() throws Exception {
    Path one = write("one", 1, 0.31);
    Path two = write("two", 2, 0.42);
    String id1;
    String id2;
    try (LoadedModel loaded = ModelSource.load(one.toString())) {
      id1 = loaded.embedder().modelId();
      assertEquals(FeatureModel.open(one).modelId(), id1);
      assertEquals(OptionalDouble.of(0.31), loaded.threshold());
      assertEquals(5, loaded.embedder().embed(List.of(face()))[0].length);
    }
    try (LoadedModel loaded = ModelSource.load(two.toString())) {
      id2 = loaded.embedder().modelId();
    }
    Path fused =
        FusedModel.write(
                dir.resolve("fused"),
                List.of(one, two),
                new double[] {0.6, 0.4},
                List.of(id1, id2),
                record(0.5))
            .directory();
    try (LoadedModel loaded = ModelSource.load(fused.toString())) {
      assertTrue(loaded.embedder().modelId().startsWith("fusion-"), loaded.embedder().modelId());
      assertEquals(OptionalDouble.of(0.5), loaded.threshold());
      float[] v = loaded.embedder().embed(List.of(face()))[0];
      assertEquals(10, v.length);
      double norm = 0;
      for (float x : v) {
        norm += x * x;
      }
      assertEquals(1.0, Math.sqrt(norm), 1e-5);
    }
  }

  private Path write(String name, long seed, double threshold) throws Exception {
    Random random = new Random(seed);
    float[] matrix = new float[SMALL.dimension() * 5];
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = (float) random.nextGaussian();
    }
    return FeatureModel.write(
            dir.resolve(name),
            SMALL,
            InputAlignment.NONE,
            false,
            new LinearProjection(new float[SMALL.dimension()], matrix, 5),
            record(threshold))
        .directory();
  }

  private static TrainingRecord record(double threshold) {
    return new TrainingRecord(
        Map.of(), "cpu", "test", 0, 0, Map.of("threshold", threshold), 0, Instant.EPOCH, "test");
  }

  private static FaceCrop face() throws Exception {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    var image = ImageIO.read(lfw.imagesOf("Al_Gore").get(0).path().toFile());
    return new org.facesearch.data.image.Preprocessing(
            org.facesearch.data.image.CropBox.FULL, org.facesearch.data.image.ColorMode.RGB, 64)
        .apply(image);
  }
}
