package org.facesearch.model.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.Test;

/**
 * Flip averaging runs a face and its mirror image through the network in one pass: a shipped
 * flipping model's (the 20-view student, the default until 2 December) flipped vector of a face is
 * still the normalised sum of the face's and its mirror image's vectors, each embedded on its own
 * (its head's outputs are unit vectors).
 */
class FlipInOnePassTest {
  private static final Path SHIPPED_MODEL = Path.of("../models/student-96-20views");

  @Test
  void aFlippedVectorIsTheNormalisedSumOfTheFaceAndItsMirrorImageEmbeddedApart() {
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    ModelBundle bundle = ModelBundle.open(SHIPPED_MODEL);
    assertTrue(bundle.metadata().spec().testTimeFlip(), "the 20-view student flips");
    try (Embedder flipped = bundle.embedder(runtime, true, Precision.FP32, TestAssets.store());
        Embedder plain = bundle.embedder(runtime, false, Precision.FP32, TestAssets.store())) {
      ImageDecoder decoder = new ImageDecoder();
      List<FaceCrop> crops = new ArrayList<>();
      for (FaceImage image :
          LfwDataset.open(LfwTestData.root()).imagesOf("Serena_Williams").subList(0, 5)) {
        crops.add(flipped.prepare(decoder.decode(image.path())));
      }

      // All five in one pass of ten, and one face alone in a pass of two.
      float[][] together = flipped.embed(crops);
      float[] alone = flipped.embed(List.of(crops.get(2)))[0];

      for (int i = 0; i < crops.size(); i++) {
        float[] face = plain.embed(List.of(crops.get(i)))[0];
        float[] mirror = plain.embed(List.of(crops.get(i).mirrored()))[0];
        float[] sum = new float[face.length];
        double norm = 0;
        for (int d = 0; d < sum.length; d++) {
          sum[d] = face[d] + mirror[d];
          norm += sum[d] * sum[d];
        }
        double cosine = 0;
        for (int d = 0; d < sum.length; d++) {
          cosine += together[i][d] * sum[d] / Math.sqrt(norm);
        }
        assertEquals(1.0, cosine, 1e-5, "face " + i);
      }
      double same = 0;
      for (int d = 0; d < alone.length; d++) {
        same += alone[d] * together[2][d];
      }
      assertEquals(1.0, same, 1e-5, "a face alone and in a batch");
    }
  }
}
