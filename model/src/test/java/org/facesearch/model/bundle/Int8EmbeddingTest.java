package org.facesearch.model.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
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
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.EngineSetupException;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.onnx.Equalization;
import org.facesearch.model.onnx.OnnxNetwork;
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

  /** The sixth stage, the default before it: calibrated before balancing was measured. */
  private static final Path SIXTH_STAGE = Path.of("../models/student-96-20views");

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
  void balancingTheRevivedDefaultsBranchesChangesNoFp32VectorAndBringsItsInt8Closer() {
    // The seventh stage: its dead channels were revived and grew apart from the rest.
    assertEquals(Equalization.CROSS_LAYER, bundle.int8Calibration().orElseThrow().equalization());
    ModelSpec spec = bundle.metadata().spec();
    int size = spec.input().size();
    int channels = spec.input().channels();
    int dim = spec.embeddingDim();
    boolean head = spec.embedding() == EmbeddingSource.HEAD;
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork network = bundle.loadNetwork(manager);
      float[] input = spec.input().tensor(manager, faces).toFloatArray();
      try (OnnxNetwork plain =
              OnnxNetwork.load("plain", network.toOnnx(channels, head), channels, size, size, dim);
          OnnxNetwork balanced =
              OnnxNetwork.load(
                  "balanced",
                  network.toOnnxProbed(channels, head, Equalization.CROSS_LAYER).onnx(),
                  channels,
                  size,
                  size,
                  dim)) {
        float[] a = plain.run(input, faces.size());
        float[] b = balanced.run(input, faces.size());
        for (int i = 0; i < faces.size(); i++) {
          float[] x = java.util.Arrays.copyOfRange(a, i * dim, (i + 1) * dim);
          float[] y = java.util.Arrays.copyOfRange(b, i * dim, (i + 1) * dim);
          // The raw head outputs, before the L2 normalisation: the same vectors, to rounding.
          for (int j = 0; j < dim; j++) {
            assertEquals(x[j], y[j], 1e-4 * Math.abs(x[j]) + 1e-6, faces.get(i) + " value " + j);
          }
        }
      }
    }
    // In int8, each way calibrated on the same 16 faces: balanced is closer to fp32 on average.
    double[] mean = new double[Equalization.values().length];
    try (Embedder fp32 =
        bundle.embedder(
            runtime,
            spec.testTimeFlip(),
            Precision.FP32,
            TestAssets.store(),
            InferenceRuntime.ONNXRUNTIME)) {
      float[][] expected = fp32.embed(faces);
      for (Equalization e : Equalization.values()) {
        Int8Calibration calibration =
            bundle.calibrateInt8(runtime, faces.subList(0, 16), 63, e, "16 test faces");
        try (Embedder int8 = bundle.int8Embedder(runtime, TestAssets.store(), calibration)) {
          float[][] actual = int8.embed(faces);
          for (int i = 0; i < faces.size(); i++) {
            mean[e.ordinal()] += Similarity.cosine(expected[i], actual[i]) / faces.size();
          }
        }
      }
    }
    System.out.printf(
        "default in int8 against fp32 on %d faces: mean cosine %.5f as trained, %.5f balanced%n",
        faces.size(), mean[0], mean[1]);
    assertTrue(
        mean[Equalization.CROSS_LAYER.ordinal()] > mean[Equalization.NONE.ordinal()],
        java.util.Arrays.toString(mean));
  }

  @Test
  void aCalibrationIsOneRangePerStoredActivationAndBelongsToItsWeightsOnly() throws IOException {
    Int8Calibration made =
        uncalibrated.calibrateInt8(
            runtime, faces.subList(0, 16), 63, Equalization.NONE, "16 test faces");
    Int8Calibration shipped = bundle.int8Calibration().orElseThrow();
    // Written before equalisation was measured, without the field: read as not balanced.
    assertEquals(
        Equalization.NONE,
        ModelBundle.open(SIXTH_STAGE).int8Calibration().orElseThrow().equalization());
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
    Int8Calibration balanced =
        uncalibrated.calibrateInt8(
            runtime, faces.subList(0, 16), 63, Equalization.CROSS_LAYER, "16 test faces");
    assertEquals(Equalization.CROSS_LAYER, balanced.equalization());
    balanced.writeInto(copy);
    assertEquals(balanced, ModelBundle.open(copy).int8Calibration().orElseThrow());
    made.writeInto(copy);
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
            made.equalization(),
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
    return b.embedder(
        runtime, b.metadata().spec().testTimeFlip(), precision, TestAssets.store(), inference);
  }

  private static BufferedImage read(Path file) {
    try {
      return ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
