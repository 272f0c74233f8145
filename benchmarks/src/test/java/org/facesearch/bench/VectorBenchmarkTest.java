package org.facesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.facesearch.indexer.HnswParams;
import org.junit.jupiter.api.Test;

class VectorBenchmarkTest {

  @Test
  void everyIndexIsMeasuredAndGraphsFindTheExactNeighboursAtHighEffort() {
    VectorSet set = VectorSet.synthetic(3000, 32, 40, 5);

    VectorBenchmark.Report report = new VectorBenchmark(HnswParams.DEFAULT, 2, 0).run(set);

    assertEquals(
        List.of("exact", "lucene", "lucene-int8", "hnswlib"),
        report.builds().stream().map(VectorBenchmark.Build::index).toList());
    long rawBytes = 3000L * 32 * Float.BYTES;
    for (VectorBenchmark.Build build : report.builds()) {
      assertTrue(build.bytes() >= rawBytes, build + " holds at least the raw vectors");
    }
    assertEquals(1 + 3 * VectorBenchmark.EFFORTS.size(), report.measurements().size());
    for (VectorBenchmark.Measurement m : report.measurements()) {
      if (m.index().equals("exact")) {
        assertEquals(1.0, m.recallAt10(), "brute force is its own ground truth");
      }
      if (m.effort() == 160) {
        assertTrue(m.recallAt10() >= 0.95, m + " should find nearly every true neighbour");
      }
      assertTrue(m.p50Millis() <= m.p99Millis(), "percentiles are ordered: " + m);
      assertTrue(m.qpsOneThread() > 0 && m.qpsAllThreads() > 0, m.toString());
    }
  }

  @Test
  void ratiosCompareTheLowestEffortsThatReachEachRecall() {
    List<VectorBenchmark.Measurement> measurements =
        List.of(
            new VectorBenchmark.Measurement("lucene", 10, 0.91, 0.1, 0.2, 1000, 1800),
            new VectorBenchmark.Measurement("lucene", 20, 0.99, 0.2, 0.4, 500, 900),
            new VectorBenchmark.Measurement("hnswlib", 10, 0.85, 0.1, 0.2, 1200, 2000),
            new VectorBenchmark.Measurement("hnswlib", 20, 0.96, 0.1, 0.2, 1000, 1500),
            new VectorBenchmark.Measurement("hnswlib", 40, 0.97, 0.4, 0.8, 250, 450));

    List<VectorBenchmark.Ratio> ratios = VectorBenchmark.ratios(measurements);

    // 0.90: lucene@10 vs hnswlib@20; 0.95: lucene@20 vs hnswlib@20; 0.98: hnswlib never gets there.
    assertEquals(2, ratios.size());
    assertEquals(10, ratios.get(0).lucene().effort());
    assertEquals(20, ratios.get(0).hnswlib().effort());
    assertEquals(1.0, ratios.get(0).qpsRatio());
    assertEquals(20, ratios.get(1).lucene().effort());
    assertEquals(0.5, ratios.get(1).qpsRatio());
    assertEquals(0.6, ratios.get(1).qpsAllThreadsRatio(), 1e-12);
    assertEquals(2.0, ratios.get(1).p50Ratio(), 1e-12);
  }

  @Test
  void noThreadsIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new VectorBenchmark(HnswParams.DEFAULT, 0));
    assertEquals("the number of threads must be at least 1, got 0", e.getMessage());
  }
}
