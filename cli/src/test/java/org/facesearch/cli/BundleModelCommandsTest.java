package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commands with a real model bundle (an untrained ResNet-18, so only the wiring is judged): the
 * embedder is the bundle's, and verification uses the threshold recorded in its model.json.
 */
class BundleModelCommandsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final double THRESHOLD = 0.61;

  @TempDir static Path shared;
  private static Path bundle;
  private static Path data;

  @BeforeAll
  static void writeBundle() throws IOException {
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork network = new FaceNetwork(Architecture.RESNET18, Objective.TRIPLET.head());
      network.initialize(manager, 3);
      TrainingRecord training =
          new TrainingRecord(
              Map.of(),
              "cpu",
              "none",
              0,
              0,
              Map.of("threshold", THRESHOLD),
              0,
              Instant.now(),
              "test");
      bundle =
          ModelBundle.write(
                  shared.resolve("model"),
                  ModelSpec.standard(Objective.TRIPLET, Architecture.RESNET18),
                  training,
                  network)
              .directory();
    }
    data = TestGalleries.copy(shared.resolve("lfw"), List.of("Serena_Williams"));
  }

  private static JsonNode run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = FacesearchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    assertEquals(0, exit, err.toString());
    return JSON.readTree(out.toString());
  }

  @Test
  void indexQueryAndVerifyUseTheBundleAndItsThreshold() {
    Path index = shared.resolve("index");
    String photo = data.resolve("images/Serena_Williams/Serena_Williams_0005.jpg").toString();

    JsonNode indexed =
        run(
            "index",
            "--model",
            bundle.toString(),
            "--data",
            data.toString(),
            "--index",
            index.toString(),
            "--json");
    JsonNode query =
        run("query", photo, "--top", "1", "--index", index.toString(), "--open-set", "--json");
    JsonNode verify = run("verify", photo, photo, "--index", index.toString(), "--json");

    String modelId = ModelBundle.open(bundle).modelId();
    assertEquals(modelId, indexed.get("modelId").asString());
    assertEquals(52, indexed.get("images").asInt());
    assertTrue(modelId.startsWith("triplet-"), modelId);
    assertEquals("Serena_Williams", query.get("results").get(0).get("identity").asString());
    assertEquals(THRESHOLD, query.get("threshold").asDouble());
    assertEquals(THRESHOLD, verify.get("threshold").asDouble());
    assertEquals(1.0, verify.get("score").asDouble(), 1e-4);
    assertTrue(verify.get("same").asBoolean());
  }
}
