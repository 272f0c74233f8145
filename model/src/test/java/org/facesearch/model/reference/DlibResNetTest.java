package org.facesearch.model.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.onnx.OnnxNetwork;
import org.facesearch.model.testing.LfwCrops;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DlibResNetTest {
  private static final ReferenceModel MODEL = ReferenceModel.DLIB_RESNET;

  @TempDir Path temp;

  private static Path weights;
  private static TorchRuntime runtime;
  private static NDManager manager;

  @BeforeAll
  static void fetchTheWeights() {
    weights = TestAssets.store().require(MODEL.weights());
    runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    manager = runtime.newManager();
  }

  @AfterAll
  static void freeNatives() {
    manager.close();
  }

  @Test
  void everyTensorOfTheManifestFindsItsLayerExactlyOnce() {
    TfjsWeights tensors = TfjsWeights.read(weights.resolve(MODEL.weightsManifest()));
    // 29 convolutions with filters, bias and a two-part scale layer each, plus the linear map.
    assertEquals(29 * 4 + 1, tensors.names().size());
    try (NDManager scope = manager.newSubManager()) {
      DlibResNet network = new DlibResNet();
      network.initialize(scope);
      network.load(tensors);
      // The scale layers are folded away: a weight and a bias per convolution, one linear map.
      List<Parameter> parameters = network.getParameters().values();
      assertEquals(29 * 2 + 1, parameters.size());
      long values = parameters.stream().mapToLong(p -> p.getArray().size()).sum();
      long convolutionValues =
          7 * 7 * 3 * 32
              + 32
              + 6 * (9 * 32 * 32 + 32)
              + 9 * 32 * 64
              + 64
              + 7 * (9 * 64 * 64 + 64)
              + 9 * 64 * 128
              + 128
              + 5 * (9 * 128 * 128 + 128)
              + 9 * 128 * 256
              + 256
              + 7 * (9 * 256 * 256 + 256);
      assertEquals(convolutionValues + 256 * 128, values);
      assertEquals(new Shape(32, 3, 7, 7), parameters.getFirst().getArray().getShape());
      assertEquals(new Shape(128, 256), parameters.getLast().getArray().getShape());
      // Taking a tensor a second time is a loader bug, caught rather than silently reused.
      assertThrows(IllegalStateException.class, () -> tensors.take("fc", 256, 128));
    }
  }

  @Test
  void aTensorLeftUnusedOrMisshapenIsRefused() {
    TfjsWeights tensors = TfjsWeights.read(weights.resolve(MODEL.weightsManifest()));
    tensors.take("conv32_down/conv/bias", 32);
    InvalidReferenceWeightsException leftOver =
        assertThrows(InvalidReferenceWeightsException.class, tensors::requireAllTaken);
    assertTrue(
        leftOver.getMessage().contains("116 tensors the network has no place for"),
        leftOver.getMessage());
    InvalidReferenceWeightsException misshapen =
        assertThrows(InvalidReferenceWeightsException.class, () -> tensors.take("fc", 128, 256));
    assertTrue(
        misshapen
            .getMessage()
            .contains("tensor fc has shape [256, 128] but the network needs" + " [128, 256]"),
        misshapen.getMessage());
  }

  @Test
  void aWeightsFileOfTheWrongSizeIsRefusedWithItsName() throws IOException {
    Path model = Files.createDirectories(temp.resolve("model"));
    Path manifest =
        Files.copy(
            weights.resolve(MODEL.weightsManifest()),
            model.resolve("face_recognition_model-weights_manifest.json"));
    byte[] bin = Files.readAllBytes(weights.resolve("model/face_recognition_model.bin"));
    Path truncated = model.resolve("face_recognition_model.bin");
    Files.write(truncated, java.util.Arrays.copyOf(bin, bin.length - 4));
    InvalidReferenceWeightsException e =
        assertThrows(InvalidReferenceWeightsException.class, () -> TfjsWeights.read(manifest));
    assertEquals(
        truncated
            + " holds 6444028 bytes but face_recognition_model-weights_manifest.json"
            + " describes 6444032; the file is damaged or belongs to another version of the model",
        e.getMessage());

    Files.delete(truncated);
    InvalidReferenceWeightsException missing =
        assertThrows(InvalidReferenceWeightsException.class, () -> TfjsWeights.read(manifest));
    assertEquals("weights file " + truncated + " does not exist", missing.getMessage());
  }

  /**
   * face-api.js's own forward pass (TensorFlow.js, see face-api-reference.mjs) and this block agree
   * on a real face and on noise: same layers, same padding, same shortcut arithmetic.
   */
  @Test
  void descriptorsMatchFaceApiJsOnTheSamePixels() throws IOException {
    JsonNode cases = faceApiCases();
    try (NDManager scope = manager.newSubManager()) {
      DlibResNet network = MODEL.loadNetwork(weights, scope);
      NDArray images = MODEL.input().tensor(scope, faceAndNoise(cases));
      float[] out =
          network
              .forward(new ParameterStore(scope, false), new NDList(images), false)
              .singletonOrThrow()
              .toFloatArray();
      for (int c = 0; c < 2; c++) {
        JsonNode expected = cases.get(c).get("descriptor");
        assertEquals(DlibResNet.EMBEDDING_DIM, expected.size());
        double dot = 0;
        double normA = 0;
        double normB = 0;
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
          double a = out[c * DlibResNet.EMBEDDING_DIM + i];
          double b = expected.get(i).asDouble();
          dot += a * b;
          normA += a * a;
          normB += b * b;
          worst = Math.max(worst, Math.abs(a - b));
        }
        // Float rounding (and the folded scale layers) leave about 3e-4 of a ~0.1 value.
        assertTrue(worst < 1e-3, "case " + c + ": largest difference " + worst);
        assertTrue(dot / Math.sqrt(normA * normB) > 0.99999, "case " + c + " cosine");
        assertEquals(Math.sqrt(normB), Math.sqrt(normA), 1e-3, "case " + c + " length");
      }
    }
  }

  /**
   * The network's ONNX export on ONNX Runtime (what a CPU runs by default) reproduces face-api.js's
   * descriptors too: the down units' pooled, zero-widened and zero-padded shortcuts included.
   */
  @Test
  void itsOnnxExportOnOnnxRuntimeMatchesFaceApiJs() throws IOException {
    JsonNode cases = faceApiCases();
    int n = DlibResNet.INPUT_SIZE;
    try (NDManager scope = manager.newSubManager();
        OnnxNetwork net =
            OnnxNetwork.load(
                "dlib-resnet",
                MODEL.loadNetwork(weights, scope).toOnnx(),
                3,
                n,
                n,
                DlibResNet.EMBEDDING_DIM)) {
      float[] pixels = MODEL.input().tensor(scope, faceAndNoise(cases)).toFloatArray();
      float[] out = net.run(pixels, 2);
      for (int c = 0; c < 2; c++) {
        JsonNode expected = cases.get(c).get("descriptor");
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
          worst =
              Math.max(
                  worst,
                  Math.abs(out[c * DlibResNet.EMBEDDING_DIM + i] - expected.get(i).asDouble()));
        }
        assertTrue(worst < 1e-3, "case " + c + ": largest difference " + worst);
      }
    }
  }

  /** face-api.js's descriptors of a real face and of noise (see face-api-reference.mjs). */
  private JsonNode faceApiCases() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("face-api-descriptors.json")) {
      return JsonMapper.builder().build().readTree(in).get("cases");
    }
  }

  /** The two cases' inputs: the LFW face cropped as face-api.js was given it, and the noise. */
  private static List<FaceCrop> faceAndNoise(JsonNode cases) {
    FaceCrop face =
        LfwCrops.load(
                new Preprocessing(
                    CropBox.parse(cases.get(0).get("crop").asString()), ColorMode.RGB, 150),
                List.of(cases.get(0).get("image").asString()))
            .getFirst();
    return List.of(face, noise(cases.get(1).get("randomSeed").asLong()));
  }

  /** Noise as face-api-descriptors.json's generator drew it: rows, pixels, then R, G, B. */
  private static FaceCrop noise(long seed) {
    Random random = new Random(seed);
    int size = DlibResNet.INPUT_SIZE;
    byte[] chw = new byte[3 * size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        for (int c = 0; c < 3; c++) {
          chw[(c * size + y) * size + x] = (byte) random.nextInt(256);
        }
      }
    }
    return new FaceCrop(3, size, size, chw);
  }
}
