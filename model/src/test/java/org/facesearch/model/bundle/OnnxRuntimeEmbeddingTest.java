package org.facesearch.model.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.facesearch.model.testing.LfwCrops;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped default model on ONNX Runtime from its ONNX export, against PyTorch: the same
 * embeddings of real LFW faces (aligned as the model wants them, each with its mirror image), and
 * the runtime each setting picks.
 */
class OnnxRuntimeEmbeddingTest {
  private static final Path DEFAULT = Path.of("../models/default");

  private static TorchRuntime runtime;
  private static ModelBundle bundle;

  @BeforeAll
  static void start() {
    runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    bundle = ModelBundle.open(DEFAULT);
  }

  /** Measured: every face's two vectors at cosine 1 to within 1e-6 (fp32 rounding). */
  @Test
  void theDefaultModelEmbedsRealFacesOnOnnxRuntimeAsOnPyTorch() {
    try (Embedder torch = embedder(InferenceRuntime.PYTORCH);
        Embedder onnx = embedder(InferenceRuntime.ONNXRUNTIME)) {
      assertEquals(InferenceRuntime.PYTORCH, ((NetworkEmbedder) torch).runtime());
      assertEquals(InferenceRuntime.ONNXRUNTIME, ((NetworkEmbedder) onnx).runtime());
      assertEquals(torch.modelId(), onnx.modelId());
      List<FaceCrop> faces = new ArrayList<>();
      for (String file : LfwCrops.FILES) {
        faces.add(torch.prepare(read(file)));
      }
      float[][] expected = torch.embed(faces);
      float[][] actual = onnx.embed(faces);
      double worst = 1;
      for (int i = 0; i < faces.size(); i++) {
        worst = Math.min(worst, dot(expected[i], actual[i]));
        assertEquals(1, dot(actual[i], actual[i]), 1e-5, "unit length");
      }
      System.out.printf("default model, ONNX Runtime against PyTorch: worst cosine %.8f%n", worst);
      assertTrue(worst > 0.99999, "worst cosine " + worst);
      // Different people stay apart (George W Bush, Colin Powell): not a constant output.
      assertTrue(dot(actual[0], actual[2]) < 0.5, "two people's vectors alike");
    }
  }

  @Test
  void aCpuInFp32RunsOnOnnxRuntimeByDefaultAndBf16OnPyTorch() {
    try (Embedder auto = embedder(InferenceRuntime.AUTO)) {
      assertEquals(InferenceRuntime.ONNXRUNTIME, ((NetworkEmbedder) auto).runtime());
    }
    try (Embedder bf16 =
        bundle.embedder(runtime, true, Precision.BF16, TestAssets.store(), InferenceRuntime.AUTO)) {
      assertEquals(InferenceRuntime.PYTORCH, ((NetworkEmbedder) bf16).runtime());
    }
    EngineSetupException refused =
        assertThrows(
            EngineSetupException.class,
            () ->
                bundle.embedder(
                    runtime,
                    true,
                    Precision.BF16,
                    TestAssets.store(),
                    InferenceRuntime.ONNXRUNTIME));
    assertTrue(refused.getMessage().contains("fp32 exports only"), refused.getMessage());
  }

  private static Embedder embedder(InferenceRuntime inference) {
    return bundle.embedder(runtime, true, Precision.FP32, TestAssets.store(), inference);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static BufferedImage read(String file) {
    try {
      return ImageIO.read(LfwTestData.root().resolve("images").resolve(file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
