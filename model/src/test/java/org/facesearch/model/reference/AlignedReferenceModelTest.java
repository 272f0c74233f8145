package org.facesearch.model.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** dlib's ResNet fed through its own alignment: what {@code --model dlib-resnet} does. */
class AlignedReferenceModelTest {
  private static Embedder embedder;

  @BeforeAll
  static void loadTheModel() {
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    embedder =
        ReferenceModel.DLIB_RESNET
            .withAlignment(ChipAlignment.LANDMARKS_68)
            .embedder(TestAssets.store(), runtime, false);
  }

  @AfterAll
  static void freeNatives() {
    embedder.close();
  }

  @Test
  void theModelBringsItsOwnAlignmentAndFeedsTheWholeChip() {
    FaceAlignment alignment = embedder.alignment().orElseThrow();
    assertEquals(150, alignment.size());
    assertTrue(alignment.id().contains("face-landmark-68"), alignment.id());
    assertTrue(alignment.id().contains("blazeface"), alignment.id());
    FaceAlignment.Aligned chip = alignment.align(FaceLandmark68NetTest.read("Zico/Zico_0001.jpg"));
    assertFalse(chip.fellBack());
    assertEquals(150, chip.image().getWidth());
  }

  /**
   * The same two pairsDevTest pairs as {@code ReferenceModelTest}'s fixed-crop check, here through
   * detection, 68 landmarks and dlib's alignment: the same person must score well above the
   * different people (measured 0.979 against 0.768).
   */
  @Test
  void aSamePersonPairIsCloserThanADifferentPairThroughTheAlignedPath() {
    List<BufferedImage> photos =
        List.of(
            FaceLandmark68NetTest.read("Abdullah_Gul/Abdullah_Gul_0013.jpg"),
            FaceLandmark68NetTest.read("Abdullah_Gul/Abdullah_Gul_0014.jpg"),
            FaceLandmark68NetTest.read("Adel_Al-Jubeir/Adel_Al-Jubeir_0001.jpg"),
            FaceLandmark68NetTest.read("Elisabeth_Welch/Elisabeth_Welch_0001.jpg"));
    float[][] v = embedder.embed(photos.stream().map(embedder::prepare).toList());
    double same = dot(v[0], v[1]);
    double different = dot(v[2], v[3]);
    System.out.printf("aligned path: same %.3f, different %.3f%n", same, different);
    assertTrue(same > different + 0.15, "same " + same + ", different " + different);
    assertTrue(same > 0.93, "same person scored " + same);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
