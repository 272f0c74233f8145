package org.facesearch.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.testing.LfwCrops;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ModelBundleTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TrainingRecord TRAINING =
      new TrainingRecord(
          Map.of("learningRate", 3e-4, "batchSize", 48, "margin", 0.2f, "sampler", "pk"),
          "cpu",
          "lfw-sha256:0123abcd",
          1200,
          3,
          Map.of("view1Accuracy", 0.8125, "threshold", 0.61),
          421.5,
          Instant.parse("2026-01-02T03:04:05Z"),
          "0.1.0-SNAPSHOT");

  @TempDir static Path shared;
  @TempDir Path temp;

  private static TorchRuntime runtime;
  private static NDManager manager;
  private static FaceNetwork tripletNetwork;
  private static ModelBundle tripletBundle;
  private static List<FaceCrop> faces;

  @BeforeAll
  static void writeATripletBundle() throws IOException {
    runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    manager = runtime.newManager();
    tripletNetwork = new FaceNetwork(Architecture.RESNET18, Objective.TRIPLET.head());
    tripletNetwork.initialize(manager, 3);
    tripletBundle =
        ModelBundle.write(
            shared.resolve("triplet"),
            ModelSpec.standard(Objective.TRIPLET, Architecture.RESNET18),
            TRAINING,
            tripletNetwork);
    faces = LfwCrops.load(Preprocessing.RESNET_64);
  }

  @AfterAll
  static void freeNatives() {
    manager.close();
  }

  @Test
  void writingLeavesOnlyTheFinishedBundle() throws IOException {
    try (var entries = Files.list(shared)) {
      assertEquals(List.of(shared.resolve("triplet")), entries.toList());
    }
    try (var entries = Files.list(shared.resolve("triplet"))) {
      assertEquals(
          List.of("model.json", "weights.params"),
          entries.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void metadataSurvivesTheRoundTrip() {
    ModelBundle reopened = ModelBundle.open(shared.resolve("triplet"));
    assertEquals(tripletBundle.metadata(), reopened.metadata());
    assertEquals(TRAINING, reopened.metadata().training());
    assertTrue(reopened.modelId().matches("triplet-[0-9a-f]{12}"), reopened.modelId());
    assertEquals(tripletBundle.modelId(), reopened.modelId());
  }

  @Test
  void modelJsonHasTheDocumentedFields() throws IOException {
    var json = JSON.readTree(shared.resolve("triplet/model.json").toFile());
    assertEquals("triplet", json.get("objective").asString());
    assertEquals("resnet18", json.get("architecture").asString());
    assertEquals(64, json.get("embeddingDim").asInt());
    assertEquals(64, json.get("inputSize").asInt());
    assertEquals("head", json.get("embedding").asString());
    assertEquals("48,48,202,202", json.get("preprocessing").get("crop").asString());
    assertEquals("RGB", json.get("preprocessing").get("color").asString());
    assertEquals(
        0.229, json.get("preprocessing").get("normalization").get("std").get(0).asDouble(), 1e-6);
    assertEquals(0.2, json.get("hyperparameters").get("margin").asDouble());
    assertEquals(0.8125, json.get("metrics").get("view1Accuracy").asDouble());
    assertEquals("2026-01-02T03:04:05Z", json.get("createdAt").asString());
    assertEquals(tripletBundle.metadata().weightsSha256(), json.get("weightsSha256").asString());
  }

  @Test
  void loadedBundleEmbedsRealFacesExactlyAsTheTrainedNetwork() {
    ModelSpec spec = ModelSpec.standard(Objective.TRIPLET, Architecture.RESNET18);
    // The in-memory network, wrapped without ownership of the shared manager.
    NetworkEmbedder original =
        new NetworkEmbedder(
            "original",
            spec,
            manager.newSubManager(),
            tripletNetwork,
            Precision.FP32,
            Optional.empty());
    ModelBundle bundle = ModelBundle.open(shared.resolve("triplet"));
    boolean flip = bundle.metadata().spec().testTimeFlip();
    // On PyTorch, as the original: the export to ONNX Runtime has a test of its own
    // (OnnxRuntimeEmbeddingTest).
    try (Embedder loaded =
        bundle.embedder(
            runtime, flip, Precision.FP32, TestAssets.store(), InferenceRuntime.PYTORCH)) {
      float[][] expected = original.embed(faces);
      float[][] actual = loaded.embed(faces);
      assertEquals(64, loaded.dimension());
      assertEquals(Preprocessing.RESNET_64, loaded.preprocessing());
      for (int i = 0; i < faces.size(); i++) {
        assertArrayEquals(expected[i], actual[i], "face " + i);
        assertEquals(1.0, norm(actual[i]), 1e-5);
      }
      assertNotEquals(actual[0][0], actual[2][0], "different faces embed differently");
    }
  }

  @Test
  void manyCropsAreEmbeddedInBatchesWithTheSameResults() {
    List<FaceCrop> many = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      many.addAll(faces);
    }
    try (Embedder embedder = tripletBundle.embedder(runtime)) {
      float[][] alone = embedder.embed(faces);
      float[][] batched = embedder.embed(many);
      assertEquals(70, batched.length);
      // Crop 66 lands in the second batch of 64 and is face 66 % 5 = 1.
      assertArrayEquals(alone[1], batched[66], 1e-5f);
    }
  }

  @Test
  void concurrentCallsGetTheSameVectorsAsSequentialOnes() throws Exception {
    try (Embedder embedder = tripletBundle.embedder(DeviceChoice.CPU)) {
      float[][] sequential = embedder.embed(faces);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<float[][]>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          results.add(pool.submit(() -> embedder.embed(faces)));
        }
        for (var result : results) {
          float[][] got = result.get();
          for (int i = 0; i < faces.size(); i++) {
            assertArrayEquals(sequential[i], got[i], 1e-6f);
          }
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void flipAveragingMakesAFaceAndItsMirrorImageEmbedAlike() {
    FaceCrop face = faces.get(0);
    FaceCrop mirrored = face.mirrored();
    try (Embedder plain = tripletBundle.embedder(runtime, false);
        Embedder flipping = tripletBundle.embedder(runtime, true)) {
      assertNotEquals(plain.modelId(), flipping.modelId());
      assertEquals(tripletBundle.modelId(), plain.modelId());
      float[][] p = plain.embed(List.of(face, mirrored));
      float[][] f = flipping.embed(List.of(face, mirrored));
      assertTrue(distance(p[0], p[1]) > 1e-3, "without flipping the mirror image differs");
      assertArrayEquals(f[0], f[1], 1e-5f);
    }
  }

  @Test
  void simclrEmbedsWithTheBackboneByDefaultAndTheHeadOnRequest() throws IOException {
    FaceNetwork net = new FaceNetwork(Architecture.RESNET18, Objective.NT_XENT.head());
    try (NDManager m = runtime.newManager()) {
      net.initialize(m, 3);
      ModelSpec spec = ModelSpec.standard(Objective.NT_XENT, Architecture.RESNET18);
      ModelBundle backbone = ModelBundle.write(temp.resolve("simclr"), spec, TRAINING, net);
      ModelBundle head =
          ModelBundle.write(
              temp.resolve("simclr-head"), spec.withEmbedding(EmbeddingSource.HEAD), TRAINING, net);
      assertEquals(backbone.metadata().weightsSha256(), head.metadata().weightsSha256());
      assertNotEquals(backbone.modelId(), head.modelId());
      try (Embedder b = backbone.embedder(runtime);
          Embedder h = head.embedder(runtime)) {
        assertEquals(512, b.dimension());
        assertEquals(512, b.embed(faces.subList(0, 1))[0].length);
        assertEquals(128, h.dimension());
        assertEquals(128, h.embed(faces.subList(0, 1))[0].length);
      }
    }
  }

  @Test
  void cropsForAnotherModelAreRefused() {
    List<FaceCrop> big = LfwCrops.load(Preprocessing.CNN_128, LfwCrops.FILES.subList(0, 1));
    try (Embedder embedder = tripletBundle.embedder(runtime)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> embedder.embed(big));
      assertEquals(
          "crop 0 is 3x128x128 but " + embedder.modelId() + " takes 3x64x64", e.getMessage());
    }
  }

  @Test
  void anExistingFolderIsNeverOverwritten() throws IOException {
    Path target = Files.createDirectories(temp.resolve("taken"));
    Files.writeString(target.resolve("notes.txt"), "keep me");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                ModelBundle.write(
                    target,
                    ModelSpec.standard(Objective.TRIPLET, Architecture.RESNET18),
                    TRAINING,
                    tripletNetwork));
    assertEquals(
        "model bundle folder " + target + " already exists; choose a new folder or remove it",
        e.getMessage());
    assertEquals("keep me", Files.readString(target.resolve("notes.txt")));
  }

  @Test
  void aNetworkThatDoesNotMatchTheSpecIsRefusedAndNothingIsWritten() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ModelBundle.write(
                    temp.resolve("mismatch"),
                    ModelSpec.standard(Objective.NT_XENT, Architecture.RESNET18),
                    TRAINING,
                    tripletNetwork));
    assertEquals(
        "network is resnet18 with head 'trinet' but the spec says resnet18 with head 'simclr'",
        e.getMessage());
    assertFalse(Files.exists(temp.resolve("mismatch")));
  }

  @Test
  void aFlippedByteInTheWeightsIsCaught() throws IOException {
    Path copy = copyBundle();
    Path weights = copy.resolve("weights.params");
    try (RandomAccessFile file = new RandomAccessFile(weights.toFile(), "rw")) {
      long middle = file.length() / 2;
      file.seek(middle);
      int b = file.read();
      file.seek(middle);
      file.write(b ^ 0x01);
    }
    InvalidModelBundleException e =
        assertThrows(InvalidModelBundleException.class, () -> ModelBundle.open(copy));
    assertTrue(
        e.getMessage().startsWith(weights + " is damaged or was replaced: its SHA-256 is "),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith("model.json records " + tripletBundle.metadata().weightsSha256()));
  }

  @Test
  void truncatedWeightsAreCaught() throws IOException {
    Path copy = copyBundle();
    Path weights = copy.resolve("weights.params");
    try (RandomAccessFile file = new RandomAccessFile(weights.toFile(), "rw")) {
      file.setLength(file.length() - 1000);
    }
    InvalidModelBundleException e =
        assertThrows(InvalidModelBundleException.class, () -> ModelBundle.open(copy));
    assertTrue(e.getMessage().contains("is damaged or was replaced"), e.getMessage());
  }

  @Test
  void weightsChangedAfterOpeningAreCaughtWhenLoading() throws IOException {
    Path copy = copyBundle();
    ModelBundle opened = ModelBundle.open(copy);
    Path weights = copy.resolve("weights.params");
    try (RandomAccessFile file = new RandomAccessFile(weights.toFile(), "rw")) {
      file.setLength(file.length() - 4);
    }
    InvalidModelBundleException e =
        assertThrows(InvalidModelBundleException.class, () -> opened.embedder(runtime));
    assertTrue(e.getMessage().startsWith(weights + " is damaged or was replaced"), e.getMessage());
  }

  @Test
  void unreadableJsonIsNamed() throws IOException {
    Path copy = copyBundle();
    Files.writeString(copy.resolve("model.json"), "{\"objective\": \"triplet\", ");
    InvalidModelBundleException e =
        assertThrows(InvalidModelBundleException.class, () -> ModelBundle.open(copy));
    assertTrue(
        e.getMessage().startsWith(copy.resolve("model.json") + " is not valid model metadata: "),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith("end-of-input within/between Object entries (line 1, column 26)"),
        e.getMessage());
  }

  @Test
  void unknownObjectiveOrArchitectureIsNamed() throws IOException {
    Path objective = copyBundle();
    editJson(objective, json -> json.put("objective", "siamese"));
    assertEquals(
        objective.resolve("model.json")
            + ": unknown objective 'siamese'; known: triplet, ntxent, contrastive, bce, margin-softmax, distill",
        assertThrows(InvalidModelBundleException.class, () -> ModelBundle.open(objective))
            .getMessage());
    Path architecture = copyBundle();
    editJson(architecture, json -> json.put("architecture", "vgg16"));
    assertEquals(
        architecture.resolve("model.json")
            + ": unknown architecture 'vgg16'; known: resnet18, resnet18-96, cnn19",
        assertThrows(InvalidModelBundleException.class, () -> ModelBundle.open(architecture))
            .getMessage());
  }

  @Test
  void missingOrInconsistentFieldsAreNamed() throws IOException {
    Path missing = copyBundle();
    editJson(missing, json -> json.remove("weightsSha256"));
    assertEquals(
        missing.resolve("model.json") + ": missing field 'weightsSha256'",
        assertThrows(InvalidModelBundleException.class, () -> ModelBundle.open(missing))
            .getMessage());
    Path dim = copyBundle();
    editJson(dim, json -> json.put("embeddingDim", 128));
    assertEquals(
        dim.resolve("model.json")
            + ": embeddingDim is 128 but a triplet resnet18 head embedding has 64",
        assertThrows(InvalidModelBundleException.class, () -> ModelBundle.open(dim)).getMessage());
  }

  @Test
  void missingFolderOrFilesAreNamed() throws IOException {
    Path nowhere = temp.resolve("nowhere");
    assertEquals(
        "model bundle " + nowhere + " does not exist",
        assertThrows(InvalidModelBundleException.class, () -> ModelBundle.open(nowhere))
            .getMessage());
    Path copy = copyBundle();
    Files.delete(copy.resolve("weights.params"));
    assertEquals(
        "model bundle " + copy + " has no weights.params (is it a facesearch model bundle?)",
        assertThrows(InvalidModelBundleException.class, () -> ModelBundle.open(copy)).getMessage());
  }

  @Test
  void weightsOfAnotherHeadAreRejectedWithTheMismatchedShape() throws IOException {
    // A SimCLR network's weights under metadata that claims a TriNet head: the hash is right
    // (the file is intact) but the head's first layer is 512x512, not 64x512.
    FaceNetwork simclr = new FaceNetwork(Architecture.RESNET18, Objective.NT_XENT.head());
    try (NDManager m = runtime.newManager()) {
      simclr.initialize(m, 3);
      Path dir =
          ModelBundle.write(
                  temp.resolve("relabelled"),
                  ModelSpec.standard(Objective.NT_XENT, Architecture.RESNET18)
                      .withEmbedding(EmbeddingSource.HEAD),
                  TRAINING,
                  simclr)
              .directory();
      editJson(
          dir,
          json -> {
            json.put("objective", "triplet");
            json.put("embeddingDim", 64);
          });
      ModelBundle relabelled = ModelBundle.open(dir);
      InvalidModelBundleException e =
          assertThrows(InvalidModelBundleException.class, () -> relabelled.embedder(runtime));
      assertTrue(
          e.getMessage()
              .startsWith(
                  dir.resolve("weights.params")
                      + " does not fit resnet18 with head 'trinet' (3 input channels): parameter"),
          e.getMessage());
      assertTrue(
          e.getMessage().endsWith("has shape (512, 512) but the architecture needs (64, 512)"),
          e.getMessage());
    }
  }

  private Path copyBundle() throws IOException {
    Path copy = Files.createTempDirectory(temp, "copy");
    for (String name : List.of("model.json", "weights.params")) {
      Files.copy(shared.resolve("triplet").resolve(name), copy.resolve(name));
    }
    return copy;
  }

  private static void editJson(Path bundle, Consumer<ObjectNode> edit) throws IOException {
    Path file = bundle.resolve("model.json");
    ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(json);
    Files.write(file, JSON.writeValueAsBytes(json));
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static double distance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}
