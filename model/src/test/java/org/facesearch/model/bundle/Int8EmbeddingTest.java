package org.facesearch.model.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.EngineSetupException;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.verify.Similarity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped default model in int8 on ONNX Runtime, from the calibration it ships with, against
 * fp32 on real LFW faces; and how a bundle's calibration is made, checked and chosen.
 */
class Int8EmbeddingTest {
  private static final Path DEFAULT = Path.of("../models/default");

  @TempDir static Path temp;

  private static TorchRuntime runtime;
  private static ModelBundle bundle;
  private static ModelBundle uncalibrated;
  private static List<FaceCrop> faces;
  private static List<String> people;

  @BeforeAll
  static void start() throws IOException {
    runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    bundle = ModelBundle.open(DEFAULT);
    Path copy = Files.createDirectories(temp.resolve("uncalibrated"));
    for (String file : List.of(ModelBundle.METADATA_FILE, ModelBundle.WEIGHTS_FILE)) {
      Files.copy(DEFAULT.resolve(file), copy.resolve(file));
    }
    uncalibrated = ModelBundle.open(copy);
    // The first photos of 24 people (alphabetically from B), up to two each: 29 real faces.
    Path images = LfwTestData.root().resolve("images");
    faces = new ArrayList<>();
    people = new ArrayList<>();
    try (Embedder fp32 = embedder(bundle, Precision.FP32, InferenceRuntime.ONNXRUNTIME);
        Stream<Path> folders = Files.list(images)) {
      List<Path> chosen =
          folders.filter(p -> p.getFileName().toString().startsWith("B")).sorted().toList();
      for (Path person : chosen.subList(0, 24)) {
        try (Stream<Path> photos = Files.list(person)) {
          for (Path photo : photos.sorted().limit(2).toList()) {
            faces.add(fp32.prepare(read(photo)));
            people.add(person.getFileName().toString());
          }
        }
      }
    }
  }

  @Test
  void theShippedCalibrationEmbedsRealFacesInInt8CloseToFp32() {
    try (Embedder fp32 = embedder(bundle, Precision.FP32, InferenceRuntime.ONNXRUNTIME);
        Embedder int8 = embedder(bundle, Precision.INT8, InferenceRuntime.AUTO)) {
      assertEquals(Precision.INT8, ((NetworkEmbedder) int8).precision());
      assertEquals(InferenceRuntime.ONNXRUNTIME, ((NetworkEmbedder) int8).runtime());
      assertEquals("int8 on ONNX Runtime", int8.inference());
      assertEquals("fp32 on ONNX Runtime", fp32.inference());
      assertEquals(fp32.modelId(), int8.modelId());
      float[][] expected = fp32.embed(faces);
      float[][] actual = int8.embed(faces);
      double worst = 1;
      double sum = 0;
      for (int i = 0; i < faces.size(); i++) {
        double c = Similarity.cosine(expected[i], actual[i]);
        worst = Math.min(worst, c);
        sum += c;
        assertEquals(1, Similarity.cosine(actual[i], actual[i]), 1e-5, "unit length");
      }
      System.out.printf(
          "default model, int8 against fp32 on %d faces: mean cosine %.5f, worst %.5f%n",
          faces.size(), sum / faces.size(), worst);
      assertTrue(worst > 0.99, "worst cosine " + worst);
      assertTrue(sum / faces.size() > 0.997, "mean cosine " + sum / faces.size());
      // Not a constant output: each face is nearer its own fp32 vector than any other person's.
      for (int i = 0; i < faces.size(); i++) {
        for (int j = 0; j < faces.size(); j++) {
          if (!people.get(i).equals(people.get(j))) {
            assertTrue(
                Similarity.cosine(actual[i], expected[i])
                    > Similarity.cosine(actual[i], expected[j]),
                faces.get(i) + " nearer " + people.get(j));
          }
        }
      }
    }
  }

  @Test
  void autoRunsACalibratedBundleInInt8AndAnotherInTheCpusOwnChoice() {
    try (Embedder calibrated = embedder(bundle, Precision.AUTO, InferenceRuntime.AUTO);
        Embedder plain = embedder(uncalibrated, Precision.AUTO, InferenceRuntime.AUTO)) {
      // Native bf16 or not: int8 was the faster of the two on every CPU measured.
      assertEquals(Precision.INT8, ((NetworkEmbedder) calibrated).precision());
      assertEquals(InferenceRuntime.ONNXRUNTIME, ((NetworkEmbedder) calibrated).runtime());
      assertEquals(
          Precision.AUTO.resolve(ai.djl.Device.cpu()), ((NetworkEmbedder) plain).precision());
    }
    // PyTorch by name keeps the CPU's own choice: int8 runs on ONNX Runtime only.
    try (Embedder torch = embedder(bundle, Precision.AUTO, InferenceRuntime.PYTORCH)) {
      assertEquals(
          Precision.AUTO.resolve(ai.djl.Device.cpu()), ((NetworkEmbedder) torch).precision());
      assertEquals(InferenceRuntime.PYTORCH, ((NetworkEmbedder) torch).runtime());
    }
    // Asked for by name, fp32 stays fp32 and PyTorch stays fp32.
    try (Embedder fp32 = embedder(bundle, Precision.FP32, InferenceRuntime.AUTO);
        Embedder torch = embedder(bundle, Precision.FP32, InferenceRuntime.PYTORCH)) {
      assertEquals(Precision.FP32, ((NetworkEmbedder) fp32).precision());
      assertEquals(InferenceRuntime.PYTORCH, ((NetworkEmbedder) torch).runtime());
      assertEquals("fp32 on PyTorch", torch.inference());
    }
  }

  @Test
  void int8ByNameIsRefusedInOneSentenceWithoutACalibrationOrOnPyTorch() {
    EngineSetupException none =
        assertThrows(
            EngineSetupException.class,
            () -> embedder(uncalibrated, Precision.INT8, InferenceRuntime.AUTO));
    assertTrue(
        none.getMessage().contains("has no int8 calibration; make one with `facesearch models"),
        none.getMessage());
    EngineSetupException torch =
        assertThrows(
            EngineSetupException.class,
            () -> embedder(bundle, Precision.INT8, InferenceRuntime.PYTORCH));
    assertTrue(torch.getMessage().contains("int8 runs on ONNX Runtime only"), torch.getMessage());
  }

  @Test
  void aCalibrationIsOneRangePerStoredActivationAndBelongsToItsWeightsOnly() throws IOException {
    Int8Calibration made =
        uncalibrated.calibrateInt8(runtime, faces.subList(0, 16), 63, "16 test faces");
    Int8Calibration shipped = bundle.int8Calibration().orElseThrow();
    assertEquals(shipped.ranges().size(), made.ranges().size());
    assertEquals(30, made.ranges().size(), "input, 9 stem/unit ReLUs ... of a ResNet-18");
    // The input's range is the normalised pixels' (negative and positive): a zero point inside.
    assertTrue(made.ranges().get(0).zeroPoint() > 0 && made.ranges().get(0).zeroPoint() < 255);
    Path copy = Files.createDirectories(temp.resolve("calibrated"));
    for (String file : List.of(ModelBundle.METADATA_FILE, ModelBundle.WEIGHTS_FILE)) {
      Files.copy(DEFAULT.resolve(file), copy.resolve(file));
    }
    made.writeInto(copy);
    assertEquals(made, ModelBundle.open(copy).int8Calibration().orElseThrow());
    try (Stream<Path> left = Files.list(copy)) {
      assertEquals(3, left.count(), "no temporary file left beside int8.json");
    }

    // The same file beside other weights: refused, with what to do.
    Path other = Files.createDirectories(temp.resolve("other"));
    Files.copy(
        DEFAULT.resolve(ModelBundle.METADATA_FILE), other.resolve(ModelBundle.METADATA_FILE));
    Files.copy(DEFAULT.resolve(ModelBundle.WEIGHTS_FILE), other.resolve(ModelBundle.WEIGHTS_FILE));
    new Int8Calibration(
            "0".repeat(64),
            made.weightLevels(),
            made.faces(),
            made.calibrationData(),
            made.ranges(),
            made.agreement(),
            made.created())
        .writeInto(other);
    InvalidModelBundleException e =
        assertThrows(
            InvalidModelBundleException.class, () -> ModelBundle.open(other).int8Calibration());
    assertTrue(e.getMessage().contains("was made for other weights"), e.getMessage());
    assertTrue(e.getMessage().contains("facesearch models quantize --model"), e.getMessage());

    Files.writeString(other.resolve(Int8Calibration.FILE), "{\"format\": 1, \"ranges\": []}");
    InvalidModelBundleException damaged =
        assertThrows(
            InvalidModelBundleException.class, () -> ModelBundle.open(other).int8Calibration());
    assertFalse(damaged.getMessage().isBlank());
    assertTrue(damaged.getMessage().contains("is not a valid int8 calibration"));
    // ... but not for fp32 by name, which never reads it.
    try (Embedder fp32 =
        embedder(ModelBundle.open(other), Precision.FP32, InferenceRuntime.ONNXRUNTIME)) {
      assertEquals(Precision.FP32, ((NetworkEmbedder) fp32).precision());
    }
  }

  private static Embedder embedder(ModelBundle b, Precision precision, InferenceRuntime inference) {
    return b.embedder(runtime, true, precision, TestAssets.store(), inference);
  }

  private static BufferedImage read(Path file) {
    try {
      return ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
