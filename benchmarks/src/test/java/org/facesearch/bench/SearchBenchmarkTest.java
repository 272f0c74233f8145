package org.facesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.cache.CropCache;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchBenchmarkTest {

  @Test
  void aGallerySmallEnoughForExactSearchHasPerfectRecall(@TempDir Path dir) {
    // 52 photos: below Lucene's threshold for building a graph, so its kNN search is exact and
    // must agree with the benchmark's brute force on every query.
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    SearchBenchmark benchmark =
        new SearchBenchmark(TestModels.pixels(), new CropCache(dir.resolve("cache")));

    SearchBenchmark.Report report =
        benchmark.run(new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey"), 30, 7);

    assertEquals(52, report.images());
    assertEquals(1024, report.dimension());
    assertEquals(30, report.queries());
    assertEquals(1.0, report.recallAt10());
    assertEquals(1.0, report.recallAt10Of100Candidates());
    assertTrue(report.p50Millis() <= report.p99Millis(), "percentiles are ordered");
    assertEquals(
        52, report.photoQueries(), "as many photo queries as the gallery has photos, up to 100");
    assertTrue(report.photoP50Millis() > 0 && report.photoP50Millis() <= report.photoP99Millis());
  }
}
