package org.facesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.facesearch.solr.LocalSolrCloud;
import org.facesearch.solr.SolrGallery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolrBenchmarkTest {

  @Test
  void theEmbeddedIndexAndBothSolrLayoutsAreMeasuredOnARealLocalCloud(@TempDir Path dir) {
    VectorSet set = VectorSet.synthetic(400, 16, 10, 7);
    SolrBenchmark.Report report;
    try (LocalSolrCloud cloud =
            LocalSolrCloud.start(
                LocalSolrCloud.jar(), 2, dir.resolve("cloud"), Duration.ofMinutes(3), 600);
        SolrGallery solr = SolrGallery.connect(cloud.address(), "bench", dir.resolve("home"))) {
      report = new SolrBenchmark(solr, Optional.of(cloud), dir.resolve("work"), 0).run(set);
      assertTrue(
          List.of(cloud.process().info().arguments().orElseThrow()).contains("-Xmx600m"),
          "the child JVM runs with the heap asked for");
    }

    assertEquals(
        List.of("embedded", "solr 1 shard", "solr 2 shards"),
        report.results().stream().map(SolrBenchmark.Result::index).toList());
    assertEquals(400, report.size());
    assertEquals(10, report.queries());
    long rawBytes = 400L * 16 * Float.BYTES;
    for (SolrBenchmark.Result r : report.results()) {
      // 400 vectors: every HNSW graph here is all but exact, so recall checks the row mapping.
      assertTrue(r.recall() >= 0.9, r + " should find the true neighbours");
      assertTrue(r.bytesPerReplica() >= rawBytes, r + " holds at least the raw vectors on disk");
      assertTrue(r.buildSeconds() > 0 && r.p50Millis() > 0, r.toString());
      assertTrue(r.p50Millis() <= r.p99Millis(), "percentiles are ordered: " + r);
      assertTrue(r.qps1() > 0 && r.qps4() > 0, r.toString());
    }
    assertEquals(600, report.clusterHeapMiB());
    assertTrue(report.clusterPeakMiB() > 50, "a Solr JVM takes more than 50 MiB: " + report);
    assertTrue(report.benchPeakMiB() > 50, report.toString());
  }
}
