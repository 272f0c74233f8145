package org.facesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.PixelEmbedder;
import org.junit.jupiter.api.Test;

class ModelSpeedBenchmarkTest {
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  @Test
  void everyModelIsTimedOnTheSamePhotosAndReportedInTheOrderGiven() {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    Map<String, Embedder> models = new LinkedHashMap<>();
    models.put("big", new PixelEmbedder(new Preprocessing(CropBox.SEED, ColorMode.RGB, 96)));
    models.put("small", new PixelEmbedder(new Preprocessing(CropBox.SEED, ColorMode.GREY, 16)));
    ModelSpeedBenchmark.Report report =
        new ModelSpeedBenchmark().run(models, lfw.images(), 24, 2, 42, QUIET);

    assertEquals(24, report.photos());
    assertEquals(List.of("big", "small"), report.results().stream().map(r -> r.name()).toList());
    for (ModelSpeedBenchmark.Result r : report.results()) {
      assertTrue(r.prepareMsPerPhoto() > 0, r.toString());
      assertTrue(r.embedImagesPerSecond() > 0, r.toString());
      // Preparing costs time, so the whole path is slower than the network alone.
      assertTrue(r.endToEndImagesPerSecond() < r.embedImagesPerSecond(), r.toString());
    }
    assertEquals(models.get("big").modelId(), report.results().get(0).modelId());
  }

  @Test
  void morePhotosThanTheGalleryHasAreRefusedNamingTheRange() {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    Map<String, Embedder> models =
        Map.of("pixels", new PixelEmbedder(new Preprocessing(CropBox.SEED, ColorMode.GREY, 16)));
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> new ModelSpeedBenchmark().run(models, lfw.images(), 0, 1, 42, QUIET));
    assertTrue(e.getMessage().contains("1.." + lfw.images().size()), e.getMessage());
  }
}
