package org.facesearch.data.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class HaarDetectorTest {
  @AutoClose static final HaarDetector DETECTOR = new HaarDetector();

  @Test
  void findsExactlyOneFaceInNearlyEveryLfwImage() throws Exception {
    // None of these 200 is among the 400 images the detector parameters were tuned on.
    List<Path> sample = LfwImages.evenlySpaced(200, 0.25);
    int exactlyOne = 0;
    int none = 0;
    for (Path path : sample) {
      BufferedImage image = LfwImages.read(path);
      switch (DETECTOR.detect(image)) {
        case Detection.FacesFound found -> {
          if (found.faces().size() == 1) {
            exactlyOne++;
          }
          // LFW centres its face, so the largest face must cover the frame's centre.
          FaceBox face = found.largest().box();
          assertTrue(
              face.x() < 125
                  && face.x() + face.width() > 125
                  && face.y() < 125
                  && face.y() + face.height() > 125,
              "largest face " + face + " in " + path + " misses the centre");
        }
        case Detection.NoFaceFound n -> none++;
      }
    }
    System.out.printf(
        "FaceDetector on %d LFW images: exactly one face %d (%.1f%%), none %d%n",
        sample.size(), exactlyOne, 100.0 * exactlyOne / sample.size(), none);
    assertTrue(exactlyOne >= 0.90 * sample.size(), "exactly one face in only " + exactlyOne);
    assertTrue(none <= 0.03 * sample.size(), "no face in " + none);
  }

  @Test
  void noiseAndFlatImagesHaveNoFace() {
    for (long seed = 1; seed <= 3; seed++) {
      assertInstanceOf(
          Detection.NoFaceFound.class,
          DETECTOR.detect(LfwImages.noise(640, 480, seed)),
          "seed " + seed);
    }
    assertInstanceOf(
        Detection.NoFaceFound.class, DETECTOR.detect(LfwImages.flat(640, 480, Color.GRAY)));
    assertInstanceOf(
        Detection.NoFaceFound.class, DETECTOR.detect(LfwImages.flat(640, 480, Color.WHITE)));
  }

  @Test
  void findsEveryPastedFaceLargestFirst() throws Exception {
    List<BufferedImage> portraits = new ArrayList<>();
    List<FaceBox> faces = new ArrayList<>();
    for (Path path : LfwImages.evenlySpaced(40, 0.25)) {
      BufferedImage image = LfwImages.read(path);
      if (DETECTOR.detect(image) instanceof Detection.FacesFound found
          && found.faces().size() == 1) {
        portraits.add(image);
        faces.add(found.largest().box());
      }
      if (portraits.size() == 3) {
        break;
      }
    }
    // Pasted smallest first, so largest-first order is the detector's doing.
    int[][] placements = {{40, 380, 150}, {260, 60, 230}, {560, 120, 320}};
    BufferedImage canvas = LfwImages.noise(900, 600, 7);
    List<FaceBox> expected = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int[] p = placements[i];
      LfwImages.paste(canvas, portraits.get(i), p[0], p[1], p[2]);
      expected.add(LfwImages.pastedBox(faces.get(i), p[0], p[1], p[2]));
    }

    Detection.FacesFound found =
        assertInstanceOf(Detection.FacesFound.class, DETECTOR.detect(canvas));

    assertEquals(3, found.faces().size(), "faces found: " + found.faces());
    for (int i = 0; i < 3; i++) {
      FaceBox got = found.faces().get(i).box();
      FaceBox want = expected.get(2 - i);
      assertTrue(got.overlap(want) > 0.6, "face " + i + ": found " + got + ", pasted at " + want);
    }
  }

  @Test
  void largestOnlyReportsOneFace() throws Exception {
    BufferedImage canvas = LfwImages.noise(700, 400, 11);
    List<Path> two = LfwImages.evenlySpaced(2, 0.5);
    LfwImages.paste(canvas, LfwImages.read(two.get(0)), 20, 40, 220);
    LfwImages.paste(canvas, LfwImages.read(two.get(1)), 330, 10, 360);
    try (FaceDetector largestOnly =
        new HaarDetector(
            DetectorOptions.DEFAULT.withSelection(DetectorOptions.Selection.LARGEST))) {
      Detection.FacesFound all =
          assertInstanceOf(Detection.FacesFound.class, DETECTOR.detect(canvas));
      Detection.FacesFound one =
          assertInstanceOf(Detection.FacesFound.class, largestOnly.detect(canvas));
      assertTrue(all.faces().size() >= 2, "both faces: " + all.faces());
      assertEquals(List.of(all.largest()), one.faces());
      assertTrue(
          one.largest().box().x() > 330,
          "the larger face is the right one: " + one.largest().box());
    }
  }

  @Test
  void facesBelowTheMinimumSizeAreIgnored() throws Exception {
    BufferedImage canvas = LfwImages.noise(800, 600, 5);
    // The face is about 112/250 of the pasted image, so about 72 pixels: 12% of the shorter side.
    LfwImages.paste(
        canvas, LfwImages.read(LfwImages.evenlySpaced(1, 0.5).getFirst()), 300, 200, 160);
    assertInstanceOf(Detection.FacesFound.class, DETECTOR.detect(canvas));
    try (FaceDetector bigFacesOnly =
        new HaarDetector(DetectorOptions.DEFAULT.withMinFaceSize(0.25))) {
      assertInstanceOf(Detection.NoFaceFound.class, bigFacesOnly.detect(canvas));
    }
  }

  @Test
  void rejectsUseAfterCloseAndBadOptions() {
    FaceDetector detector = new HaarDetector();
    detector.close();
    detector.close();
    IllegalStateException closed =
        assertThrows(
            IllegalStateException.class, () -> detector.detect(LfwImages.flat(50, 50, Color.RED)));
    assertTrue(closed.getMessage().contains("closed"));
    assertThrows(IllegalArgumentException.class, () -> DetectorOptions.DEFAULT.withMinFaceSize(0));
    assertThrows(
        IllegalArgumentException.class, () -> DetectorOptions.DEFAULT.withMinFaceSize(1.5));
  }
}
