package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code facesearch models list|fetch} as a user runs them, in a workspace of their own. */
class ModelsCommandTest {
  @TempDir Path home;

  private CliRun run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Map<String, String> all = new HashMap<>(env);
    all.put("FACESEARCH_HOME", home.toString());
    return CliRun.of(all, args);
  }

  @Test
  void listNamesTheReferenceModelAndBothDetectorsWithSourceLicenceAndWhetherTheyAreHere()
      throws Exception {
    CliRun run = run(Map.of(), "models", "list", "--json");

    assertEquals(0, run.exit(), run.output());
    JsonNode json = JsonMapper.builder().build().readTree(run.output());
    JsonNode dlib = null;
    for (JsonNode model : json.get("models")) {
      if (model.get("name").asString().equals("dlib-resnet")) {
        dlib = model;
      }
    }
    assertTrue(dlib != null, run.output());
    assertEquals(128, dlib.get("embeddingDim").asInt());
    assertTrue(dlib.get("licence").asString().contains("public domain"), run.output());
    assertFalse(dlib.get("installed").asBoolean(), "a fresh workspace has no weights yet");
    assertEquals("blazeface", json.get("detectors").get(0).get("name").asString());
    assertTrue(json.get("detectors").get(0).get("default").asBoolean());
    assertEquals("haar", json.get("detectors").get(1).get("name").asString());
  }

  @Test
  void listSaysWhichTrainedBundlesRunInInt8AndHowCloselyTheyAgreedWithFp32() throws Exception {
    Path calibrated = Files.createDirectories(home.resolve("models/calibrated"));
    Path plain = Files.createDirectories(home.resolve("models/plain"));
    for (String file : new String[] {"model.json", "weights.params"}) {
      Files.copy(Path.of("../models/default").resolve(file), calibrated.resolve(file));
      Files.copy(Path.of("../models/default").resolve(file), plain.resolve(file));
    }
    Files.copy(Path.of("../models/default/int8.json"), calibrated.resolve("int8.json"));

    CliRun json = run(Map.of(), "models", "list", "--json");
    CliRun text = run(Map.of(), "models", "list");

    assertEquals(0, json.exit(), json.output());
    JsonNode with = null;
    JsonNode without = null;
    for (JsonNode model : JsonMapper.builder().build().readTree(json.output()).get("models")) {
      if (model.get("name").asString().endsWith("calibrated")) {
        with = model;
      }
      if (model.get("name").asString().endsWith("plain")) {
        without = model;
      }
    }
    assertTrue(with != null && without != null, json.output());
    assertTrue(with.get("int8").get("calibrated").asBoolean(), json.output());
    assertTrue(with.get("int8").get("cosineMean").asDouble() > 0.995, json.output());
    assertFalse(without.get("int8").get("calibrated").asBoolean(), json.output());
    assertTrue(
        text.output().contains("int8:            calibrated (cosine to fp32 0.99"), text.output());
    assertTrue(
        text.output().contains("not calibrated (runs in fp32; 'facesearch models quantize --model"),
        text.output());
  }

  @Test
  void quantizeRefusesAFolderThatIsNotABundleInOneLineAndWritesNothing() throws Exception {
    Path empty = Files.createDirectories(home.resolve("not-a-bundle"));

    CliRun run = run(Map.of(), "models", "quantize", "--model", empty.toString());

    assertEquals(1, run.exit(), run.output());
    assertEquals(1, run.output().lines().count(), run.output());
    assertTrue(run.output().contains("has no model.json"), run.output());
    try (var left = Files.list(empty)) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void quantizeLeavesABundleWhoseCalibrationFitsItsWeightsAsItIs() throws Exception {
    Path copy = Files.createDirectories(home.resolve("calibrated"));
    for (String file : new String[] {"model.json", "weights.params", "int8.json"}) {
      Files.copy(Path.of("../models/default").resolve(file), copy.resolve(file));
    }
    byte[] before = Files.readAllBytes(copy.resolve("int8.json"));

    CliRun run = run(Map.of(), "models", "quantize", "--model", copy.toString());

    assertEquals(0, run.exit(), run.output());
    assertTrue(run.output().startsWith("up to date ("), run.output());
    assertTrue(run.output().contains("--force makes it again"), run.output());
    assertArrayEquals(before, Files.readAllBytes(copy.resolve("int8.json")));
  }

  @Test
  void quantizeReplacesADamagedCalibrationInsteadOfRefusingTheBundle() throws Exception {
    Path copy = Files.createDirectories(home.resolve("damaged"));
    for (String file : new String[] {"model.json", "weights.params"}) {
      Files.copy(Path.of("../models/default").resolve(file), copy.resolve(file));
    }
    Files.writeString(copy.resolve("int8.json"), "{\"format\": 1}");

    // LFW is not where --data says, so it stops there: past the damaged file, which it would
    // replace, not at it.
    CliRun run =
        run(
            Map.of(),
            "models",
            "quantize",
            "--model",
            copy.toString(),
            "--data",
            home.resolve("no-lfw-here").toString());

    assertEquals(1, run.exit(), run.output());
    assertTrue(run.output().contains("replacing it: "), run.output());
    assertTrue(run.output().contains("no-lfw-here"), run.output());
    assertEquals("{\"format\": 1}", Files.readString(copy.resolve("int8.json")));
  }

  @Test
  void fetchingFromATarballThatIsNotThePinnedOneIsRefusedInOneLineAndInstallsNothing()
      throws Exception {
    Path fake = home.resolve("face-api-1.7.15.tgz");
    Files.write(fake, new byte[] {0x1f, (byte) 0x8b, 0, 0});

    CliRun run = run(Map.of(), "models", "fetch", "dlib-resnet", "--from", fake.toString());

    assertEquals(1, run.exit(), run.output());
    assertEquals(1, run.output().lines().count(), run.output());
    assertTrue(run.output().contains("not the pinned"), run.output());
    assertTrue(run.output().contains("refusing to install it"), run.output());
    assertFalse(Files.exists(home.resolve("models/assets/face-api-dlib-1.7.15")));
  }

  @Test
  void offlineFetchSaysWhatToDoInOneLine() throws Exception {
    // A registry on a closed loopback port fails at once, as npm does without a network.
    CliRun run =
        run(
            Map.of(
                "npm_config_registry",
                "http://127.0.0.1:9/",
                "npm_config_cache",
                home.resolve("npm-cache").toString()),
            "models",
            "fetch",
            "blazeface");

    assertEquals(1, run.exit(), run.output());
    assertEquals(1, run.output().lines().count(), run.output());
    assertTrue(
        run.output().startsWith("facesearch: npm pack @mediapipe/face_detection@"), run.output());
    assertTrue(run.output().contains("facesearch models fetch NAME --from FILE.tgz"), run.output());
  }

  @Test
  void anUnknownNameIsAUsageErrorListingTheKnownOnes() throws Exception {
    CliRun run = run(Map.of(), "models", "fetch", "dlib");

    assertEquals(2, run.exit(), run.output());
    assertTrue(run.output().contains("known: blazeface, dlib-resnet"), run.output());
  }

  @Test
  void listDescribesAModelWithoutANetworkInTheWorkspacesModelsFolder() throws Exception {
    var descriptor =
        new org.facesearch.model.features.LbpDescriptor(16, 16, java.util.List.of(64, 32));
    float[] matrix = new float[descriptor.dimension() * 3];
    java.util.Arrays.fill(matrix, 0.01f);
    var model =
        org.facesearch.model.features.FeatureModel.write(
            home.resolve("models").resolve("lbp"),
            descriptor,
            org.facesearch.model.input.InputAlignment.NONE,
            false,
            new org.facesearch.model.features.LinearProjection(
                new float[descriptor.dimension()], matrix, 3),
            new org.facesearch.model.bundle.TrainingRecord(
                Map.of(),
                "cpu",
                "test",
                0,
                0,
                Map.of("view1Accuracy", 0.5, "threshold", 0.2),
                0,
                java.time.Instant.EPOCH,
                "test"));
    CliRun run = run(Map.of(), "models", "list", "--json");

    assertEquals(0, run.exit(), run.output());
    JsonNode found = null;
    for (JsonNode m : JsonMapper.builder().build().readTree(run.output()).get("models")) {
      if (m.get("name").asString().endsWith("lbp")) {
        found = m;
      }
    }
    assertTrue(found != null, run.output());
    assertEquals(model.modelId(), found.get("id").asString());
    assertTrue(found.get("description").asString().contains("no network"), run.output());
    assertEquals(3, found.get("embeddingDim").asInt());
    assertTrue(found.get("installed").asBoolean());
  }
}
