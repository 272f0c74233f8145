package org.facesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedBenchmarkTest {

  @Test
  void eachBatchSizeRunsThePipelineOverTheWholeSample(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    List<FaceImage> gallery = LfwDataset.open(data).images();

    EmbedBenchmark.Report report =
        new EmbedBenchmark(TestModels.pixels(), HnswParams.DEFAULT)
            .run(gallery, 20, List.of(1, 8, 64), 3);

    assertEquals("pixels-32-grey", report.modelId());
    assertEquals(
        List.of(1, 8, 64), report.runs().stream().map(EmbedBenchmark.Run::batchSize).toList());
    for (EmbedBenchmark.Run run : report.runs()) {
      assertEquals(20, run.images());
      assertTrue(run.decodeCropSeconds() > 0 && run.embedSeconds() > 0 && run.indexSeconds() > 0);
      assertTrue(
          run.decodeCropSeconds() + run.embedSeconds() + run.indexSeconds() <= run.totalSeconds(),
          "stages are parts of the total: " + run);
    }
  }

  @Test
  void aSampleLargerThanTheGalleryIsRefused(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    List<FaceImage> gallery = LfwDataset.open(data).images();
    EmbedBenchmark benchmark = new EmbedBenchmark(TestModels.pixels(), HnswParams.DEFAULT);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> benchmark.run(gallery, 53, List.of(8), 1));
    assertEquals("the number of images must be in 1..52, got 53", e.getMessage());
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class, () -> benchmark.run(gallery, 10, List.of(0), 1));
    assertEquals("batch sizes must be at least 1, got 0", zero.getMessage());
  }
}
