package org.facesearch.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.reference.ReferenceModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A trained model that wants dlib's alignment (a student distilled from {@code dlib-resnet}): its
 * bundle says so, and loading it brings the alignment, so photos reach it as they reached training.
 */
class AlignedBundleTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TrainingRecord TRAINING =
      new TrainingRecord(
          Map.of("learningRate", 1e-3),
          "cpu",
          "lfw-sha256:0123abcd",
          10,
          0,
          Map.of("view1Accuracy", 0.9),
          12.0,
          Instant.parse("2026-11-30T00:00:00Z"),
          "test");

  @TempDir static Path shared;
  @TempDir Path temp;

  private static TorchRuntime runtime;
  private static NDManager manager;
  private static FaceNetwork network;
  private static ModelBundle aligned;
  private static ModelBundle unaligned;

  @BeforeAll
  static void writeTheSameNetworkAlignedAndNot() throws IOException {
    runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    manager = runtime.newManager();
    network = new FaceNetwork(Architecture.RESNET18, Objective.DISTILL.head());
    network.initialize(manager, 3);
    aligned =
        ModelBundle.write(
            shared.resolve("aligned"),
            ModelSpec.standard(
                Objective.DISTILL, Architecture.RESNET18, InputAlignment.DLIB_LANDMARKS_68),
            TRAINING,
            network);
    unaligned =
        ModelBundle.write(
            shared.resolve("unaligned"),
            ModelSpec.standard(Objective.DISTILL, Architecture.RESNET18),
            TRAINING,
            network);
  }

  @AfterAll
  static void freeNatives() {
    manager.close();
  }

  @Test
  void theBundleRecordsItsAlignmentAndTakesTheWholeAlignedChip() throws IOException {
    var json = JSON.readTree(shared.resolve("aligned/model.json").toFile());
    assertEquals("dlib-landmarks68", json.get("alignment").asString());
    assertEquals("0,0,250,250", json.get("preprocessing").get("crop").asString());
    assertEquals(
        InputAlignment.DLIB_LANDMARKS_68,
        ModelBundle.open(shared.resolve("aligned")).metadata().spec().alignment());
    assertEquals(
        "none",
        JSON.readTree(shared.resolve("unaligned/model.json").toFile()).get("alignment").asString());
  }

  @Test
  void theSameWeightsAlignedAreAnotherModelId() {
    assertEquals(aligned.metadata().weightsSha256(), unaligned.metadata().weightsSha256());
    assertNotEquals(aligned.modelId(), unaligned.modelId());
  }

  @Test
  void aBundleFromBeforeAlignmentsReadsAsUnalignedWithItsOldId() throws IOException {
    Path old = copy(shared.resolve("unaligned"), temp.resolve("old"));
    ObjectNode json = (ObjectNode) JSON.readTree(old.resolve("model.json").toFile());
    json.remove("alignment");
    JSON.writeValue(old.resolve("model.json").toFile(), json);
    ModelBundle reopened = ModelBundle.open(old);
    assertEquals(InputAlignment.NONE, reopened.metadata().spec().alignment());
    assertEquals(unaligned.modelId(), reopened.modelId());
  }

  @Test
  void anUnknownAlignmentIsRefusedNamingTheKnownOnes() throws IOException {
    Path odd = copy(shared.resolve("aligned"), temp.resolve("odd"));
    ObjectNode json = (ObjectNode) JSON.readTree(odd.resolve("model.json").toFile());
    json.put("alignment", "sideways");
    JSON.writeValue(odd.resolve("model.json").toFile(), json);
    InvalidModelBundleException e =
        assertThrows(InvalidModelBundleException.class, () -> ModelBundle.open(odd));
    assertTrue(e.getMessage().contains("unknown alignment 'sideways'"), e.getMessage());
    assertTrue(e.getMessage().contains("dlib-landmarks68"), e.getMessage());
  }

  /**
   * The student must see a photo exactly as its teacher's chip, shrunk: the loaded bundle's
   * alignment is dlib-resnet's own, and its crop is that chip, whole, at 64 pixels.
   */
  @Test
  void aLoadedAlignedBundlePreparesAPhotoFromTheTeachersAlignedChip() {
    BufferedImage photo = read("Zico/Zico_0001.jpg");
    try (Embedder embedder = aligned.embedder(runtime, false, Precision.FP32, TestAssets.store());
        FaceAlignment dlib =
            ReferenceModel.openInputAlignment(
                    InputAlignment.DLIB_LANDMARKS_68, TestAssets.store(), runtime)
                .orElseThrow()) {
      FaceAlignment own = embedder.alignment().orElseThrow();
      assertEquals(dlib.id(), own.id());
      FaceAlignment.Aligned chip = dlib.align(photo);
      assertFalse(chip.fellBack());
      FaceCrop prepared = embedder.prepare(photo);
      assertEquals(64, prepared.width());
      assertArrayEquals(embedder.preprocessing().apply(chip.image()).pixels(), prepared.pixels());
      // ... and not the unaligned model's seed crop of LFW's frame.
      try (Embedder plain = unaligned.embedder(runtime, false, Precision.FP32)) {
        assertTrue(plain.alignment().isEmpty());
        assertFalse(
            java.util.Arrays.equals(plain.prepare(photo).pixels(), prepared.pixels()),
            "the aligned and the framed crop should differ");
      }
      assertEquals(1, embedder.embed(java.util.List.of(prepared)).length);
    }
  }

  @Test
  void anEmbedderOpenedWithoutItsAlignmentRefusesToPreparePhotos() {
    ModelSpec spec = aligned.metadata().spec();
    Embedder inMemory = spec.embedder("in-training", network, manager.newSubManager());
    try {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> inMemory.prepare(read("Zico/Zico_0001.jpg")));
      assertTrue(e.getMessage().contains("dlib-landmarks68"), e.getMessage());
    } finally {
      inMemory.close();
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  private static BufferedImage read(String file) {
    try {
      return ImageIO.read(LfwTestData.root().resolve("images").resolve(file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
