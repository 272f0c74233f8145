package org.facesearch.model.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** bf16 inference of the shipped model against its fp32 inference, on real LFW faces. */
class Bf16EmbeddingTest {
  private static final Path SHIPPED = Path.of("../models/default");

  private static TorchRuntime runtime;
  private static ModelBundle bundle;
  private static List<FaceCrop> faces;

  @BeforeAll
  static void loadFaces() throws IOException {
    runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    bundle = ModelBundle.open(SHIPPED);
    // The first photo of the first 100 people in name order: 100 identities, varied lighting.
    Path images = LfwTestData.root().resolve("images");
    List<String> files;
    try (Stream<Path> people = Files.list(images)) {
      files =
          people
              .map(p -> p.getFileName().toString())
              .sorted()
              .limit(100)
              .map(name -> name + "/" + name + "_0001.jpg")
              .toList();
    }
    // Prepared as the model prepares a photo: aligned first when the bundle asks for it.
    try (Embedder preparing = bundle.embedder(runtime, false, Precision.FP32, TestAssets.store())) {
      faces = new java.util.ArrayList<>();
      for (String file : files) {
        faces.add(preparing.prepare(javax.imageio.ImageIO.read(images.resolve(file).toFile())));
      }
    }
  }

  @Test
  void bf16EmbeddingsOfRealFacesAgreeWithFp32ToCosine0999() {
    boolean flip = bundle.metadata().spec().testTimeFlip();
    try (Embedder fp32 = bundle.embedder(runtime, flip, Precision.FP32, TestAssets.store());
        Embedder bf16 = bundle.embedder(runtime, flip, Precision.BF16, TestAssets.store())) {
      assertEquals(Precision.BF16, ((NetworkEmbedder) bf16).precision());
      float[][] reference = fp32.embed(faces);
      float[][] reduced = bf16.embed(faces);
      double worst = 1;
      boolean anyDifferent = false;
      for (int i = 0; i < faces.size(); i++) {
        double cosine = 0;
        for (int d = 0; d < reference[i].length; d++) {
          cosine += reference[i][d] * reduced[i][d];
          anyDifferent |= reference[i][d] != reduced[i][d];
        }
        worst = Math.min(worst, cosine);
        assertEquals(1.0, norm(reduced[i]), 1e-5, "face " + i + " is not unit length");
      }
      assertTrue(worst >= 0.999, "worst cosine between fp32 and bf16 embeddings: " + worst);
      // Identical vectors would mean the bf16 path never ran.
      assertTrue(anyDifferent, "bf16 embeddings are bit-identical to fp32 ones");
    }
  }

  @Test
  void aBf16EmbedderGivesTheSameVectorsForTheSameFacesInAnyBatch() {
    boolean flip = bundle.metadata().spec().testTimeFlip();
    try (Embedder bf16 = bundle.embedder(runtime, flip, Precision.BF16, TestAssets.store())) {
      float[][] all = bf16.embed(faces);
      float[][] one = bf16.embed(faces.subList(7, 8));
      double cosine = 0;
      for (int d = 0; d < one[0].length; d++) {
        cosine += one[0][d] * all[7][d];
      }
      assertEquals(1.0, cosine, 1e-3);
    }
  }

  private static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }
}
