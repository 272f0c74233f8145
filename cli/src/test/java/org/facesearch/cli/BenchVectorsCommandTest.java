package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchVectorsCommandTest {

  @Test
  void syntheticVectorsAreBenchmarkedOnEveryIndex() {
    EvaluateCommandTest.Run run =
        EvaluateCommandTest.run(
            "bench", "vectors", "--synthetic", "800", "--dim", "16", "--queries", "20", "--json");

    assertEquals(0, run.exit(), run.err());
    JsonNode report = JsonMapper.builder().build().readTree(run.out());
    assertEquals(800, report.get("size").asInt());
    assertEquals(16, report.get("dimension").asInt());
    List<String> indexes = new ArrayList<>();
    report.get("builds").forEach(b -> indexes.add(b.get("index").asString()));
    assertEquals(List.of("exact", "lucene", "lucene-int8", "hnswlib"), indexes);
    JsonNode exact = report.get("measurements").get(0);
    assertEquals("exact", exact.get("index").asString());
    assertEquals(1.0, exact.get("recallAt10").asDouble());
  }

  @Test
  void anEmptySyntheticSetIsAClearError() {
    EvaluateCommandTest.Run run =
        EvaluateCommandTest.run("bench", "vectors", "--synthetic", "0", "--queries", "5");

    assertEquals(1, run.exit());
    assertTrue(run.err().startsWith("facesearch: synthetic vectors need size >= 1"), run.err());
  }
}
