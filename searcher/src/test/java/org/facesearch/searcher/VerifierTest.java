package org.facesearch.searcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.NoFaceException;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.image.InvalidImageException;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {
  private static LfwDataset lfw;
  private static FaceReader faces;

  @BeforeAll
  static void setUp() {
    lfw = LfwDataset.open(LfwTestData.root());
    faces = FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT);
  }

  @AfterAll
  static void tearDown() {
    faces.close();
  }

  private static Photo photo(String person, int number) {
    return Photo.read(lfw.image(person, number).path());
  }

  @Test
  void aPhotoMatchesItself() {
    VerificationResult result =
        new Verifier(TestModels.pixels(), faces, 0.5)
            .verify(photo("Colin_Powell", 1), photo("Colin_Powell", 1));
    assertEquals(1.0, result.score(), 1e-5);
    assertTrue(result.same());
    assertEquals(0.5, result.threshold());
    assertEquals(result.faceA(), result.faceB());
  }

  @Test
  void theDecisionIsTheScoreAgainstTheThresholdAndSymmetric() {
    Photo a = photo("Colin_Powell", 1);
    Photo b = photo("Colin_Powell", 2);
    double score = new Verifier(TestModels.pixels(), faces, 0).verify(a, b).score();

    assertTrue(score < 1 && score > -1, "two different photos: " + score);
    assertEquals(score, new Verifier(TestModels.pixels(), faces, 0).verify(b, a).score(), 1e-6);
    assertTrue(new Verifier(TestModels.pixels(), faces, score - 1e-4).verify(a, b).same());
    assertFalse(new Verifier(TestModels.pixels(), faces, score + 1e-4).verify(a, b).same());
  }

  @Test
  void aPhotoWithoutAFaceOrNotAnImageIsNamed(@TempDir Path dir) throws Exception {
    Verifier verifier = new Verifier(TestModels.pixels(), faces, 0.5);
    NoFaceException noFace =
        assertThrows(
            NoFaceException.class,
            () -> verifier.verify(photo("Colin_Powell", 1), TestPhotos.blankWall("b.png")));
    assertEquals("no face found in b.png", noFace.getMessage());

    Path gif =
        Files.write(
            dir.resolve("a.gif"),
            "GIF89a....".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    InvalidImageException unsupported =
        assertThrows(
            InvalidImageException.class,
            () -> verifier.verify(Photo.read(gif), photo("Colin_Powell", 1)));
    assertEquals(InvalidImageException.Reason.UNSUPPORTED_FORMAT, unsupported.reason());
    assertTrue(unsupported.getMessage().contains("a.gif"), unsupported.getMessage());
  }

  @Test
  void theThresholdMustBeACosine() {
    assertThrows(
        IllegalArgumentException.class, () -> new Verifier(TestModels.pixels(), faces, 1.5));
  }
}
