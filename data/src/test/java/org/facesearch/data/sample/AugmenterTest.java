package org.facesearch.data.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;

class AugmenterTest {
  private static final FaceCrop FACE =
      Preprocessing.RESNET_64.apply(
          new ImageDecoder()
              .decode(LfwTestData.root().resolve("images/Tony_Blair/Tony_Blair_0001.jpg")));

  @Test
  void simclrAugmentationChangesPixelsButKeepsShape() {
    Augmenter augmenter = new Augmenter(AugmentationConfig.SIMCLR);
    SplittableRandom random = new SplittableRandom(1);
    Set<String> outputs = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      FaceCrop view = augmenter.apply(FACE, random);
      assertEquals(List.of(3, 64, 64), List.of(view.channels(), view.height(), view.width()));
      assertTrue(meanAbsoluteDifference(FACE, view) > 1, "view " + i + " is the original");
      outputs.add(Arrays.toString(view.pixels()));
    }
    assertEquals(20, outputs.size());
  }

  @Test
  void sameSeedSameViewOtherSeedOtherView() {
    Augmenter augmenter = new Augmenter(AugmentationConfig.SIMCLR);
    assertArrayEquals(
        augmenter.apply(FACE, new SplittableRandom(9)).pixels(),
        augmenter.apply(FACE, new SplittableRandom(9)).pixels());
    assertFalse(
        Arrays.equals(
            augmenter.apply(FACE, new SplittableRandom(9)).pixels(),
            augmenter.apply(FACE, new SplittableRandom(10)).pixels()));
  }

  @Test
  void noAugmentationIsTheIdentity() {
    FaceCrop same = new Augmenter(AugmentationConfig.NONE).apply(FACE, new SplittableRandom(4));
    assertArrayEquals(FACE.pixels(), same.pixels());
  }

  @Test
  void mirroringTwiceIsTheIdentityAndOnceSwapsColumns() {
    FaceCrop mirrored = FACE.mirrored();
    assertFalse(Arrays.equals(FACE.pixels(), mirrored.pixels()));
    for (int c = 0; c < 3; c++) {
      assertEquals(FACE.pixel(c, 10, 0), mirrored.pixel(c, 10, 63));
      assertEquals(FACE.pixel(c, 40, 17), mirrored.pixel(c, 40, 46));
    }
    assertArrayEquals(FACE.pixels(), mirrored.mirrored().pixels());
    AugmentationConfig alwaysFlip = new AugmentationConfig(1, 1, 1, 1, 0, 1, 0, 0, 0, 0);
    assertArrayEquals(
        mirrored.pixels(), new Augmenter(alwaysFlip).apply(FACE, new SplittableRandom(2)).pixels());
  }

  @Test
  void eachDistortionAloneChangesTheCrop() {
    List<AugmentationConfig> single =
        List.of(
            new AugmentationConfig(0.3, 0.5, 0.75, 1.33, 0, 0, 0, 0, 0, 0),
            new AugmentationConfig(1, 1, 1, 1, 20, 0, 0, 0, 0, 0),
            new AugmentationConfig(1, 1, 1, 1, 0, 0, 0.4, 0, 0, 0),
            new AugmentationConfig(1, 1, 1, 1, 0, 0, 0, 0.4, 0, 0),
            new AugmentationConfig(1, 1, 1, 1, 0, 0, 0, 0, 0.4, 0),
            new AugmentationConfig(1, 1, 1, 1, 0, 0, 0, 0, 0, 0.1));
    for (AugmentationConfig config : single) {
      FaceCrop view = new Augmenter(config).apply(FACE, new SplittableRandom(11));
      assertTrue(meanAbsoluteDifference(FACE, view) > 0.5, config.toString());
    }
  }

  @Test
  void saturationAndHueLeaveGreyAlone() {
    FaceCrop grey =
        new Preprocessing(CropBox.SEED, ColorMode.GREY, 64)
            .apply(
                new ImageDecoder()
                    .decode(LfwTestData.root().resolve("images/Tony_Blair/Tony_Blair_0001.jpg")));
    AugmentationConfig colourOnly = new AugmentationConfig(1, 1, 1, 1, 0, 0, 0, 0, 0.4, 0.1);
    assertArrayEquals(
        grey.pixels(), new Augmenter(colourOnly).apply(grey, new SplittableRandom(3)).pixels());
    FaceCrop brighter =
        new Augmenter(new AugmentationConfig(1, 1, 1, 1, 0, 0, 0.4, 0, 0, 0))
            .apply(grey, new SplittableRandom(3));
    assertEquals(1, brighter.channels());
    assertTrue(meanAbsoluteDifference(grey, brighter) > 0.5);
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> AugmentationConfig.SIMCLR.withScale(0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> AugmentationConfig.SIMCLR.withScale(0.9, 0.5));
    assertEquals(0.5, AugmentationConfig.SIMCLR.withScale(0.5, 1).minScale());
  }

  private static double meanAbsoluteDifference(FaceCrop a, FaceCrop b) {
    double sum = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      sum += Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
    }
    return sum / a.pixels().length;
  }
}
