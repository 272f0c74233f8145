package org.facesearch.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's photo reaches the shipped model (aligned like dlib) as a gallery image does: the face
 * the reader found is aligned straight from the photo, so an LFW photo sent as a query gives the
 * vector the gallery holds for it. Going through the LFW frame instead (detect again on the frame,
 * resample twice) fell below a cosine of 0.999 for 7 of 50 photos, down to 0.9946.
 */
class QueryPreparationTest {
  private static final Path SHIPPED_MODEL = Path.of("../models/default");
  private static final int PHOTOS = 50;

  private static Embedder embedder;
  private static FaceReader blazeFace;
  private static FaceReader haar;

  @BeforeAll
  static void openTheShippedModelAndBothReaders() {
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    embedder =
        ModelBundle.open(SHIPPED_MODEL)
            .embedder(runtime, false, Precision.FP32, TestAssets.store());
    blazeFace = FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT);
    haar = FaceReader.open(DetectorKind.HAAR, TestAssets.store(), ImageLimits.DEFAULT);
  }

  @AfterAll
  static void close() {
    embedder.close();
    blazeFace.close();
    haar.close();
  }

  @Test
  void anLfwPhotoAsAQueryGetsTheGallerysVectorForIt() {
    ImageDecoder decoder = new ImageDecoder();
    int identical = 0;
    int compared = 0;
    for (FaceImage image : sample()) {
      float[] gallery = embed(embedder.prepare(decoder.decode(image.path())));
      Photo photo = Photo.read(image.path());
      // The web's query reads every face and searches the largest; verification reads the largest
      // (the same detection for most photos: each distinct one is compared once).
      FramedFace largestOfAll = blazeFace.readAll(photo).getFirst();
      FramedFace largest = blazeFace.read(photo);
      List<FramedFace> faces =
          largest.detection().equals(largestOfAll.detection())
              ? List.of(largest)
              : List.of(largestOfAll, largest);
      for (FramedFace face : faces) {
        double cosine = dot(gallery, embed(embedder.prepare(face)));
        assertTrue(cosine >= 0.999, image.fileName() + ": cosine " + cosine);
        compared++;
        if (cosine > 0.999999) {
          identical++;
        }
      }
    }
    // Measured: all of them, since the reader's box is the gallery's own detection of the face.
    assertTrue(identical >= compared * 9 / 10, identical + " of " + compared + " identical");
  }

  @Test
  void aHaarFaceIsAlignedFromItsFrameAsBefore() {
    // Haar's boxes are not what the landmark network was fitted on: the face is framed from the
    // box and aligned from the frame, detected again there.
    FaceImage image = sample().getFirst();
    FramedFace face = haar.read(Photo.read(image.path()));
    assertEquals(DetectorKind.HAAR, face.detector());
    assertArrayEquals(embedder.prepare(face.image()).pixels(), embedder.prepare(face).pixels());
  }

  private static List<FaceImage> sample() {
    List<FaceImage> images = new ArrayList<>(LfwDataset.open(LfwTestData.root()).images());
    Collections.shuffle(images, new Random(7));
    return images.subList(0, PHOTOS);
  }

  private static float[] embed(FaceCrop crop) {
    return embedder.embed(List.of(crop))[0];
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
