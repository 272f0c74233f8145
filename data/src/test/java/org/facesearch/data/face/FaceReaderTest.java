package org.facesearch.data.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.facesearch.data.align.FaceAligner;
import org.facesearch.data.align.FaceTemplate;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.detect.FaceBox;
import org.facesearch.data.detect.LfwImages;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.timing.Stage;
import org.facesearch.data.timing.StageTimes;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class FaceReaderTest {
  @AutoClose
  static final FaceReader BLAZEFACE =
      FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT);

  @AutoClose
  static final FaceReader HAAR =
      FaceReader.open(DetectorKind.HAAR, TestAssets.store(), ImageLimits.DEFAULT);

  private static Path lfw(String file) {
    return LfwImages.root().resolve("images").resolve(file);
  }

  @Test
  void aBlazeFaceReadingIsAlignedAndCarriesItsLandmarks() {
    FramedFace face = BLAZEFACE.read(Photo.read(lfw("Aaron_Eckhart/Aaron_Eckhart_0001.jpg")));
    assertEquals(DetectorKind.BLAZEFACE, face.detector());
    assertEquals(250, face.image().getWidth());
    assertTrue(face.detection().landmarks().isPresent());
    assertTrue(face.detection().score() > 0.8);
    assertEquals(DetectorKind.BLAZEFACE, BLAZEFACE.detector());
  }

  @Test
  void aHaarReadingIsFramedFromTheBox() {
    FramedFace face = HAAR.read(Photo.read(lfw("Aaron_Eckhart/Aaron_Eckhart_0001.jpg")));
    assertEquals(DetectorKind.HAAR, face.detector());
    assertTrue(face.detection().landmarks().isEmpty());
    assertEquals(250, face.image().getHeight());
  }

  @Test
  void readAllFramesEveryFaceLargestFirst() throws IOException {
    Photo photo = twoPeople();
    List<FramedFace> faces = BLAZEFACE.readAll(photo);
    assertEquals(2, faces.size());
    assertTrue(faces.get(0).face().area() > faces.get(1).face().area());
    // read() asks for the largest face only, so BlazeFace's box blends the passes up to the first
    // sure face rather than all of them: the same face, its box a few pixels apart.
    FaceBox largest = BLAZEFACE.read(photo).face();
    assertTrue(
        faces.get(0).face().overlap(largest) > 0.9,
        "read() is readAll()'s first face: " + largest + " vs " + faces.get(0).face());
  }

  @Test
  void aFaceIsFramedOnlyWhenItsFrameIsAskedForAndThenOnce() throws IOException {
    Photo photo = twoPeople();
    StageTimes times = new StageTimes();
    List<FramedFace> faces = times.call(() -> BLAZEFACE.readAll(photo));
    assertEquals(2, faces.size());
    assertFalse(
        times.millis().containsKey(Stage.FRAME), "no face is framed by reading: " + times.millis());

    FramedFace searched = faces.get(1);
    BufferedImage frame = times.call(searched::image);
    assertTrue(times.millis().containsKey(Stage.FRAME), times.millis().toString());
    double once = times.millis().get(Stage.FRAME);
    assertSame(frame, times.call(searched::image), "framed once");
    assertEquals(once, times.millis().get(Stage.FRAME), "a second call frames nothing");
    // The frame is the face aligned to LFW's template, supersampled only for a large shrink.
    BufferedImage expected =
        FaceAligner.align(
                searched.photo(),
                searched.detection().landmarks().orElseThrow(),
                FaceTemplate.LFW_DEEP_FUNNELED,
                FaceAligner.Supersampling.LARGE_SHRINK)
            .image();
    assertArrayEquals(pixels(expected), pixels(frame));
  }

  @Test
  void concurrentCallersGetTheOneFrame() throws Exception {
    FramedFace face = BLAZEFACE.read(Photo.read(lfw("Aaron_Eckhart/Aaron_Eckhart_0001.jpg")));
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<BufferedImage>> frames = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        frames.add(threads.submit(face::image));
      }
      for (Future<BufferedImage> frame : frames) {
        assertSame(face.image(), frame.get());
      }
    }
  }

  @Test
  void aPhotoWithoutAFaceIsRefusedByName() throws IOException {
    Photo noise = new Photo("noise.png", png(LfwImages.noise(400, 300, 2)));
    NoFaceException e = assertThrows(NoFaceException.class, () -> BLAZEFACE.read(noise));
    assertEquals("no face found in noise.png", e.getMessage());
    assertThrows(NoFaceException.class, () -> HAAR.readAll(noise));
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** Aaron Eckhart (smaller) and George W Bush (larger) pasted onto noise. */
  private static Photo twoPeople() throws IOException {
    BufferedImage canvas = LfwImages.noise(800, 500, 4);
    LfwImages.paste(
        canvas, LfwImages.read(lfw("Aaron_Eckhart/Aaron_Eckhart_0001.jpg")), 30, 60, 260);
    LfwImages.paste(
        canvas, LfwImages.read(lfw("George_W_Bush/George_W_Bush_0001.jpg")), 420, 40, 380);
    return new Photo("two.png", png(canvas));
  }
}
