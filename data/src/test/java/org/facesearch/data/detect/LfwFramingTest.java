package org.facesearch.data.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class LfwFramingTest {
  @AutoClose static final HaarDetector DETECTOR = new HaarDetector();

  /**
   * The seed crop, grey, at 32x32: coarse enough that a few pixels of misalignment on sharp texture
   * (a flag, a striped shirt) do not dominate the difference.
   */
  private static final Preprocessing MODEL_VIEW =
      new Preprocessing(CropBox.SEED, ColorMode.GREY, 32);

  @Test
  void constantsAgreeWithAFreshMeasurementOnLfw() throws Exception {
    // 200 images, none of them among the 400 the constants were measured on.
    List<Path> sample = LfwImages.evenlySpaced(200, 0.37);
    double sumX = 0;
    double sumY = 0;
    double sumSize = 0;
    int n = 0;
    for (Path path : sample) {
      if (DETECTOR.detect(LfwImages.read(path)) instanceof Detection.FacesFound found
          && found.faces().size() == 1) {
        FaceBox face = found.largest().box();
        sumX += face.centerX();
        sumY += face.centerY();
        sumSize += face.width();
        n++;
      }
    }
    double x = sumX / n;
    double y = sumY / n;
    double size = sumSize / n;
    System.out.printf(
        "LFW framing re-measured on %d images: centre (%.2f, %.2f), size %.2f%n", n, x, y, size);
    LfwFraming constants = LfwFraming.DEEP_FUNNELED;
    assertEquals(constants.centerX(), x, 1.5);
    assertEquals(constants.centerY(), y, 1.5);
    assertEquals(constants.size(), size, 2.5);
  }

  @Test
  void aPastedFaceIsFramedLikeTheOriginal() throws Exception {
    // Portraits in which the detector finds the face at all: missing one is the detection rate's
    // business (HaarDetectorTest), not the framing's.
    List<BufferedImage> portraits = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path path : LfwImages.evenlySpaced(24, 0.8)) {
      BufferedImage image = LfwImages.read(path);
      if (DETECTOR.detect(image) instanceof Detection.FacesFound found
          && found.faces().size() == 1) {
        portraits.add(image);
        names.add(path.getFileName().toString());
      }
    }
    int scenes = Math.min(12, portraits.size());
    Random random = new Random(42);
    int framed = 0;
    double selfTotal = 0;
    for (int i = 0; i < scenes; i++) {
      BufferedImage original = portraits.get(i);
      BufferedImage stranger = portraits.get((i + scenes / 2) % scenes);
      int side = 180 + random.nextInt(320);
      int x = random.nextInt(800 - side);
      int y = random.nextInt(600 - side);
      BufferedImage canvas = LfwImages.noise(800, 600, i);
      LfwImages.paste(canvas, original, x, y, side);

      if (!(DETECTOR.detect(canvas) instanceof Detection.FacesFound found)) {
        System.out.printf("%s pasted %dpx at (%d,%d): no face found%n", names.get(i), side, x, y);
        continue;
      }
      BufferedImage result = LfwFraming.DEEP_FUNNELED.frame(canvas, found.largest().box());
      assertEquals(CropBox.FRAME, result.getWidth());
      assertEquals(CropBox.FRAME, result.getHeight());

      double self = meanAbsoluteDifference(MODEL_VIEW.apply(result), MODEL_VIEW.apply(original));
      double other = meanAbsoluteDifference(MODEL_VIEW.apply(result), MODEL_VIEW.apply(stranger));
      System.out.printf(
          "%s pasted %dpx at (%d,%d): found %s, MAD to original %.1f, to another person %.1f%n",
          names.get(i), side, x, y, found.largest().box(), self, other);
      assertTrue(self < 25, names.get(i) + ": framed face differs from the original by " + self);
      assertTrue(self < 0.6 * other, names.get(i) + ": " + self + " vs stranger " + other);
      selfTotal += self;
      framed++;
    }
    assertEquals(12, scenes, "too few LFW portraits with one detected face");
    assertTrue(framed >= 11, "the pasted face was found in only " + framed + " of 12 scenes");
    // Grey levels 0..255; different people's crops differ by 28..81 here.
    assertTrue(selfTotal / framed < 15, "mean difference to the original " + selfTotal / framed);
  }

  @Test
  void fillsBeyondTheImageByReplicatingItsEdge() {
    // A face box in the top-left corner: the frame reaches past the top and left edges.
    BufferedImage source = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 400; x++) {
        source.setRGB(x, y, (x * 255 / 399) << 16 | (y * 255 / 299) << 8 | 0x40);
      }
    }
    BufferedImage framed = LfwFraming.DEEP_FUNNELED.frame(source, new FaceBox(0, 0, 100, 100));
    // Frame pixel (10, 10) maps well above and left of the source: it must be the corner's colour.
    assertEquals(source.getRGB(0, 0) & 0xFFFFFF, framed.getRGB(10, 10) & 0xFFFFFF);
    // Along the left margin the colour follows the source's left column, not black.
    int leftMargin = framed.getRGB(5, 200);
    assertEquals(0, (leftMargin >> 16) & 0xFF, "red is 0 on the left edge");
    assertTrue(
        ((leftMargin >> 8) & 0xFF) > 60,
        "green follows the rows: " + Integer.toHexString(leftMargin));
  }

  @Test
  void rejectsABoxOutsideTheImage() {
    BufferedImage source = LfwImages.flat(100, 100, Color.BLUE);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LfwFraming.DEEP_FUNNELED.frame(source, new FaceBox(150, 20, 30, 30)));
    assertTrue(e.getMessage().contains("outside the 100x100 image"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LfwFraming(125, 125, 0));
  }

  private static double meanAbsoluteDifference(FaceCrop a, FaceCrop b) {
    long sum = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      sum += Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
    }
    return sum / (double) a.pixels().length;
  }
}
