package org.facesearch.data.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.AssetException;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.detect.bench.DetectBenchmark;
import org.facesearch.data.detect.bench.PlacedFace;
import org.facesearch.data.detect.bench.PlacedFaces;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlazeFaceDetectorTest {
  static final Path MODEL = BlazeFaceModel.SHORT_RANGE.locate(TestAssets.store());
  static final Path FULL_RANGE_MODEL = BlazeFaceModel.FULL_RANGE.locate(TestAssets.store());
  static final DetectorOptions ALL = new DetectorOptions(0.04, DetectorOptions.Selection.ALL);
  static final DetectorOptions.Selection LARGEST = DetectorOptions.Selection.LARGEST;

  @AutoClose static final BlazeFaceDetector DETECTOR = new BlazeFaceDetector(MODEL, ALL);

  @Test
  void anchorsFollowMediaPipesShortRangeLayout() {
    BlazeFaceModel model = BlazeFaceModel.SHORT_RANGE;
    double[] anchors = model.anchors();
    assertEquals(896, model.anchorCount());
    assertEquals(2 * 896, anchors.length);
    // First grid: 16x16 cells of 2 anchors sharing the cell centre.
    assertEquals(0.5 / 16, anchors[0], 1e-12);
    assertEquals(0.5 / 16, anchors[1], 1e-12);
    assertEquals(anchors[0], anchors[2], 1e-12);
    assertEquals(1.5 / 16, anchors[4], 1e-12);
    // Anchor 512 opens the 8x8 grid of 6.
    assertEquals(0.5 / 8, anchors[2 * 512], 1e-12);
    assertEquals(0.5 / 8, anchors[2 * 512 + 1], 1e-12);
    assertEquals(15.5 / 16, anchors[2 * 511 + 1], 1e-12);
  }

  @Test
  void anchorsFollowMediaPipesFullRangeLayout() {
    BlazeFaceModel model = BlazeFaceModel.FULL_RANGE;
    double[] anchors = model.anchors();
    assertEquals(2304, model.anchorCount());
    assertEquals(192, model.inputSize());
    // One 48x48 grid (stride 4 on 192 pixels), one anchor a cell.
    assertEquals(0.5 / 48, anchors[0], 1e-12);
    assertEquals(1.5 / 48, anchors[2], 1e-12);
    assertEquals(0.5 / 48, anchors[2 * 48], 1e-12);
    assertEquals(1.5 / 48, anchors[2 * 48 + 1], 1e-12);
    assertEquals(47.5 / 48, anchors[2 * 2303 + 1], 1e-12);
  }

  /**
   * Numbers read off a drawing of the detection on this image (box, and dots on the pupils, nose
   * tip, mouth and in front of the ears; saved with the landmarks drawn and looked at), kept to 3
   * pixels.
   */
  @Test
  void decodesBoxAndLandmarksWhereTheyAreOnARealPhoto() {
    BufferedImage image = portrait("Aaron_Eckhart/Aaron_Eckhart_0001.jpg");
    Detection.FacesFound found =
        assertInstanceOf(Detection.FacesFound.class, DETECTOR.detect(image));
    DetectedFace face = found.largest();
    assertEquals(1, found.faces().size(), found.faces().toString());
    assertNear(
        new ImagePoint(124, 132), new ImagePoint(face.box().centerX(), face.box().centerY()), 3);
    assertEquals(112, face.box().width(), 3);
    assertTrue(face.score() > 0.8, "score " + face.score());
    FaceLandmarks marks = face.landmarks().orElseThrow();
    assertNear(new ImagePoint(108.8, 110.9), marks.rightEye(), 3);
    assertNear(new ImagePoint(150.1, 111.7), marks.leftEye(), 3);
    assertNear(new ImagePoint(132.9, 143.0), marks.noseTip(), 3);
    assertNear(new ImagePoint(130.8, 161.9), marks.mouthCentre(), 3);
    assertNear(new ImagePoint(80.1, 115.2), marks.rightEarTragion(), 4);
    assertNear(new ImagePoint(167.3, 116.3), marks.leftEarTragion(), 4);
  }

  @Test
  void findsTheCentralFaceWithSaneLandmarksInLfwImages() throws Exception {
    // Not among the images FaceTemplate's LFW constants were measured on (every 4th from 0).
    List<Path> sample = LfwImages.evenlySpaced(150, 0.61);
    int good = 0;
    for (Path path : sample) {
      if (!(DETECTOR.detect(LfwImages.read(path)) instanceof Detection.FacesFound found)) {
        continue;
      }
      DetectedFace face = found.largest();
      FaceLandmarks m = face.landmarks().orElseThrow();
      double eyes = m.rightEye().distance(m.leftEye());
      boolean centred = face.box().overlap(PlacedFaces.FACE_IN_FRAME) >= 0.5;
      // The person's right eye is on the image's left; eyes level within a quarter of their
      // distance (LFW is funnelled upright); nose and mouth below the eyes, mouth below the nose.
      boolean sane =
          m.rightEye().x() < m.leftEye().x()
              && Math.abs(m.rightEye().y() - m.leftEye().y()) < 0.25 * eyes
              && m.noseTip().y() > m.rightEye().y()
              && m.mouthCentre().y() > m.noseTip().y()
              && eyes > 25
              && eyes < 70;
      if (centred && sane) {
        good++;
      }
    }
    System.out.printf(
        "BlazeFace on %d LFW images: central face with sane landmarks in %d%n",
        sample.size(), good);
    assertTrue(good >= 0.98 * sample.size(), "only " + good + " of " + sample.size());
  }

  @Test
  void tilesFindASmallFaceInABigPhotoThatTheWholePhotoPassMisses() throws Exception {
    BufferedImage canvas = LfwImages.noise(1024, 768, 3);
    BufferedImage portrait = portrait("Aaron_Eckhart/Aaron_Eckhart_0001.jpg");
    int side = 130;
    LfwImages.paste(canvas, portrait, 600, 420, side);
    FaceBox truth = LfwImages.pastedBox(PlacedFaces.FACE_IN_FRAME, 600, 420, side);
    try (BlazeFaceDetector wholeOnly =
        new BlazeFaceDetector(
            MODEL, BlazeFaceModel.SHORT_RANGE, ALL, BlazeFaceDetector.Scales.WHOLE_PHOTO)) {
      Detection whole = wholeOnly.detect(canvas);
      assertTrue(
          !(whole instanceof Detection.FacesFound f)
              || f.faces().stream().noneMatch(x -> x.box().overlap(truth) >= 0.5),
          "the whole-photo pass alone should miss a " + truth + " face: " + whole);
    }
    Detection.FacesFound found =
        assertInstanceOf(Detection.FacesFound.class, DETECTOR.detect(canvas));
    assertTrue(found.largest().box().overlap(truth) >= 0.5, found.largest() + " vs " + truth);
    assertEquals(
        1, found.faces().size(), "no tile cut should add a partial face: " + found.faces());
  }

  /**
   * The cascade's two promises on real placed photos (seeded, as {@code bench detect} makes them),
   * when only the largest face is asked for: a photo whose face the whole-photo pass is sure of
   * costs that one pass, and a photo whose face it misses gets the tiles, which find it.
   */
  @Test
  void theCascadeRunsTilesOnlyForPhotosWhoseFaceTheWholePhotoPassMisses(@TempDir Path dir) {
    List<PlacedFace> photos = PlacedFaces.generate(LfwDataset.open(LfwImages.root()), 12, 42, dir);
    int sureAtOnce = 0;
    int foundByTiles = 0;
    try (BlazeFaceDetector wholeOnly =
            new BlazeFaceDetector(
                MODEL, BlazeFaceModel.SHORT_RANGE, ALL, BlazeFaceDetector.Scales.WHOLE_PHOTO);
        BlazeFaceDetector cascade = new BlazeFaceDetector(MODEL, ALL)) {
      for (PlacedFace photo : photos) {
        BufferedImage image = LfwImages.read(photo.photo());
        boolean wholeIsSure =
            wholeOnly.detect(image) instanceof Detection.FacesFound f
                && f.faces().stream().anyMatch(x -> x.score() >= BlazeFaceDetector.CONFIDENT);
        long before = cascade.passes();
        Detection.FacesFound found =
            assertInstanceOf(Detection.FacesFound.class, cascade.detect(image, LARGEST));
        long passes = cascade.passes() - before;
        assertTrue(
            DetectBenchmark.isTheFace(found.largest().box(), photo.face()),
            photo.photo().getFileName() + ": " + found.largest() + " vs " + photo.face());
        if (wholeIsSure) {
          assertEquals(1, passes, photo.photo().getFileName() + ": a sure face needs no tiles");
          sureAtOnce++;
        } else {
          assertTrue(passes > 1, photo.photo().getFileName() + " ran " + passes + " passes");
          foundByTiles++;
        }
      }
    }
    assertTrue(
        sureAtOnce > 0 && foundByTiles > 0,
        sureAtOnce + " sure at once, " + foundByTiles + " by tiles");
  }

  /**
   * The full-range pass on real placed photos (seeded, as {@code bench detect} makes them), asked
   * for the largest face: where the short-range whole-photo pass is not sure, the full-range
   * network often is, and then the photo costs two passes instead of the tiles'; either way the
   * face found is the true one, and the photos cost fewer passes in all than without it.
   */
  @Test
  void theFullRangePassFindsMostFacesTheTilesWereNeededForInOnePass(@TempDir Path dir) {
    List<PlacedFace> photos = PlacedFaces.generate(LfwDataset.open(LfwImages.root()), 16, 42, dir);
    int twoPasses = 0;
    long withFullRange = 0;
    long withoutIt = 0;
    try (BlazeFaceDetector shortOnly = new BlazeFaceDetector(MODEL, ALL);
        BlazeFaceDetector detector = new BlazeFaceDetector(MODEL, FULL_RANGE_MODEL, ALL)) {
      for (PlacedFace photo : photos) {
        BufferedImage image = LfwImages.read(photo.photo());
        long before = detector.passes();
        Detection.FacesFound found =
            assertInstanceOf(Detection.FacesFound.class, detector.detect(image, LARGEST));
        long passes = detector.passes() - before;
        assertTrue(
            DetectBenchmark.isTheFace(found.largest().box(), photo.face()),
            photo.photo().getFileName() + ": " + found.largest() + " vs " + photo.face());
        assertTrue(found.largest().landmarks().isPresent(), "the full range gives landmarks too");
        if (passes == 2) {
          twoPasses++;
        }
        withFullRange += passes;
        long shortBefore = shortOnly.passes();
        shortOnly.detect(image, LARGEST);
        withoutIt += shortOnly.passes() - shortBefore;
      }
    }
    assertTrue(twoPasses >= 3, twoPasses + " of 16 photos found by the full-range pass");
    assertTrue(
        withFullRange < 0.7 * withoutIt,
        withFullRange + " passes with the full-range network, " + withoutIt + " without");
  }

  /**
   * A face the short-range whole-photo pass is sure of (an LFW image's) keeps that network's box
   * and landmarks, as the gallery's faces got them; and asked for every face, the detector runs the
   * short-range tiles only, exactly as without the full-range network.
   */
  @Test
  void theFullRangeNetworkLooksOnlyWhenTheShortRangeOneIsNotSureOfTheLargestFace() {
    BufferedImage lfw = portrait("Aaron_Eckhart/Aaron_Eckhart_0001.jpg");
    BufferedImage canvas = LfwImages.noise(1024, 768, 3);
    LfwImages.paste(canvas, lfw, 600, 420, 130);
    try (BlazeFaceDetector detector = new BlazeFaceDetector(MODEL, FULL_RANGE_MODEL, ALL);
        BlazeFaceDetector shortOnly = new BlazeFaceDetector(MODEL, ALL)) {
      Detection.FacesFound largest =
          assertInstanceOf(Detection.FacesFound.class, detector.detect(lfw, LARGEST));
      assertEquals(1, detector.passes());
      Detection.FacesFound alone =
          assertInstanceOf(Detection.FacesFound.class, shortOnly.detect(lfw, LARGEST));
      assertEquals(alone.largest(), largest.largest());

      long before = detector.passes();
      Detection every = detector.detect(canvas);
      long shortBefore = shortOnly.passes();
      assertEquals(shortOnly.detect(canvas), every);
      assertEquals(shortOnly.passes() - shortBefore, detector.passes() - before);
    }
  }

  @Test
  void theShortRangeFileOfferedAsTheFullRangeNetworkIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new BlazeFaceDetector(MODEL, MODEL, ALL));
    assertTrue(
        e.getMessage().contains(MODEL.toString())
            && e.getMessage().contains("face_detection_full_range.tflite"),
        e.getMessage());
  }

  @Test
  void aDamagedFullRangeFileIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
    Path source = TestAssets.store().require(BlazeFaceModel.PACK);
    AssetStore copy = new AssetStore(dir);
    Path folder = copy.folder(BlazeFaceModel.PACK);
    Files.createDirectories(folder);
    Files.copy(
        source.resolve(BlazeFaceModel.SHORT_RANGE.file()),
        folder.resolve(BlazeFaceModel.SHORT_RANGE.file()));
    Path file = folder.resolve(BlazeFaceModel.FULL_RANGE.file());
    byte[] bytes = Files.readAllBytes(source.resolve(BlazeFaceModel.FULL_RANGE.file()));
    bytes[bytes.length / 3] ^= 1;
    Files.write(file, bytes);
    AssetException e =
        assertThrows(AssetException.class, () -> DetectorKind.BLAZEFACE.open(ALL, copy));
    assertEquals(AssetException.Reason.DAMAGED, e.reason());
    assertTrue(
        e.getMessage().contains(file.toString()) && e.getMessage().contains("damaged"),
        e.getMessage());
  }

  /**
   * A large face and a small one in one big photo: asked for the largest, the detector stops after
   * the whole-photo pass; asked for every face, it runs the tiles and finds the small one too.
   */
  @Test
  void theLargestFaceAloneCostsOnePassWhileEveryFaceRunsTheTiles() {
    BufferedImage canvas = LfwImages.noise(1024, 768, 5);
    LfwImages.paste(canvas, portrait("Aaron_Eckhart/Aaron_Eckhart_0001.jpg"), 40, 150, 500);
    LfwImages.paste(canvas, portrait("George_W_Bush/George_W_Bush_0001.jpg"), 760, 520, 150);
    try (BlazeFaceDetector detector = new BlazeFaceDetector(MODEL, ALL)) {
      Detection.FacesFound largest =
          assertInstanceOf(Detection.FacesFound.class, detector.detect(canvas, LARGEST));
      assertEquals(1, detector.passes());
      assertTrue(largest.largest().box().x() < 540, "the large face: " + largest.largest());
      Detection.FacesFound every =
          assertInstanceOf(Detection.FacesFound.class, detector.detect(canvas));
      assertTrue(detector.passes() > 2, "tiles ran: " + detector.passes() + " passes in all");
      assertEquals(2, every.faces().size(), every.faces().toString());
      assertTrue(every.faces().get(1).box().x() > 760, "the small face: " + every.faces().get(1));
    }
  }

  @Test
  void reportsEveryFaceOrOnlyTheLargest() throws Exception {
    BufferedImage canvas = LfwImages.noise(800, 500, 9);
    // Two LFW images with one person each (the detector finds exactly one face in each).
    LfwImages.paste(canvas, portrait("Aaron_Eckhart/Aaron_Eckhart_0001.jpg"), 30, 60, 260);
    LfwImages.paste(canvas, portrait("George_W_Bush/George_W_Bush_0001.jpg"), 420, 40, 380);
    Detection.FacesFound all =
        assertInstanceOf(Detection.FacesFound.class, DETECTOR.detect(canvas));
    assertEquals(2, all.faces().size(), all.faces().toString());
    assertTrue(all.largest().box().x() > 420, "the larger face is the right one: " + all.largest());
    try (BlazeFaceDetector largest =
        new BlazeFaceDetector(MODEL, ALL.withSelection(DetectorOptions.Selection.LARGEST))) {
      Detection.FacesFound one =
          assertInstanceOf(Detection.FacesFound.class, largest.detect(canvas));
      // The largest alone stops at the first sure face, so its box blends fewer passes.
      assertEquals(1, one.faces().size());
      assertTrue(
          one.largest().box().overlap(all.largest().box()) > 0.9,
          one.largest() + " vs " + all.largest());
    }
  }

  @Test
  void noiseAndFlatImagesHaveNoFace() {
    for (long seed = 1; seed <= 3; seed++) {
      assertInstanceOf(
          Detection.NoFaceFound.class, DETECTOR.detect(LfwImages.noise(640, 480, seed)));
    }
    assertInstanceOf(
        Detection.NoFaceFound.class, DETECTOR.detect(LfwImages.flat(640, 480, Color.GRAY)));
    assertInstanceOf(
        Detection.NoFaceFound.class, DETECTOR.detect(LfwImages.flat(90, 60, Color.WHITE)));
  }

  @Test
  void aDamagedModelFileIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
    AssetStore installed = TestAssets.store();
    Path source = installed.require(BlazeFaceModel.PACK);
    AssetStore copy = new AssetStore(dir);
    Path folder = copy.folder(BlazeFaceModel.PACK);
    Files.createDirectories(folder);
    Path file = folder.resolve(BlazeFaceModel.SHORT_RANGE.file());
    byte[] bytes = Files.readAllBytes(source.resolve(BlazeFaceModel.SHORT_RANGE.file()));
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    AssetException e =
        assertThrows(AssetException.class, () -> DetectorKind.BLAZEFACE.open(ALL, copy));
    assertTrue(
        e.getMessage().contains(file.toString()) && e.getMessage().contains("damaged"),
        e.getMessage());
  }

  @Test
  void aFileThatIsNotTheNetworkIsRefused(@TempDir Path dir) throws IOException {
    Path notAModel =
        Files.writeString(dir.resolve("face_detection_short_range.tflite"), "not a network");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new BlazeFaceDetector(notAModel, ALL));
    assertTrue(e.getMessage().contains(notAModel.toString()), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new BlazeFaceDetector(dir.resolve("missing"), ALL));
  }

  @Test
  void detectorsAreChosenByName() {
    assertEquals(DetectorKind.BLAZEFACE, DetectorKind.parse("BlazeFace"));
    assertEquals(DetectorKind.HAAR, DetectorKind.parse("haar"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DetectorKind.parse("yolo"));
    assertTrue(e.getMessage().contains("blazeface|haar"), e.getMessage());
    try (FaceDetector haar = DetectorKind.HAAR.open(TestAssets.store())) {
      assertEquals(DetectorKind.HAAR, haar.kind());
      Detection.FacesFound found =
          assertInstanceOf(
              Detection.FacesFound.class,
              haar.detect(portrait("Aaron_Eckhart/Aaron_Eckhart_0001.jpg")));
      assertTrue(found.largest().landmarks().isEmpty(), "Haar finds no landmarks");
      assertEquals(1.0, found.largest().score());
    }
  }

  @Test
  void aClosedDetectorRefusesWork() {
    BlazeFaceDetector detector = new BlazeFaceDetector(MODEL, ALL);
    detector.close();
    detector.close();
    assertThrows(
        IllegalStateException.class, () -> detector.detect(LfwImages.flat(50, 50, Color.RED)));
  }

  static BufferedImage portrait(String file) {
    return LfwImages.read(LfwImages.root().resolve("images").resolve(file));
  }

  static void assertNear(ImagePoint want, ImagePoint got, double tolerance) {
    assertTrue(
        got.distance(want) <= tolerance,
        "expected " + want + " within " + tolerance + ", got " + got);
  }
}
