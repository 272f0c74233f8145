package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.data.FaceImage;
import org.facesearch.data.ImageNotFoundException;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.ImageRef;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.PixelEmbedder;
import org.junit.jupiter.api.Test;

class EmbeddedFacesTest {
  private final LfwDataset lfw =
      LfwDataset.open(LfwTestData.root()).withIdentities(List.of("Aaron_Eckhart", "Colin_Powell"));
  private final PixelEmbedder pixels = new PixelEmbedder(Preprocessing.RESNET_64);

  private EmbeddedFaces embed(List<FaceImage> photos) {
    try (CropSource crops = new CropSource(TestCrops.cache(), lfw, Preprocessing.RESNET_64)) {
      return EmbeddedFaces.embed(pixels, crops, photos, "test");
    }
  }

  @Test
  void batchesKeepEveryPhotoInItsRow() {
    // More photos than one batch, so the second batch must land after the first.
    List<FaceImage> photos = lfw.imagesOf("Colin_Powell").subList(0, EmbeddedFaces.BATCH + 6);
    EmbeddedFaces embedded = embed(photos);
    assertEquals(photos.size(), embedded.size());
    for (int row : List.of(0, EmbeddedFaces.BATCH - 1, EmbeddedFaces.BATCH, photos.size() - 1)) {
      BufferedImage decoded = new ImageDecoder().decode(photos.get(row).path());
      FaceCrop crop = Preprocessing.RESNET_64.apply(decoded);
      assertArrayEquals(pixels.embed(List.of(crop))[0], embedded.vector(row), "row " + row);
      assertEquals(photos.get(row), embedded.image(row));
    }
  }

  @Test
  void pairsAreScoredByTheCosineOfTheirPhotos() {
    List<FaceImage> photos = new ArrayList<>(lfw.imagesOf("Colin_Powell").subList(0, 2));
    photos.add(lfw.image("Aaron_Eckhart", 1));
    EmbeddedFaces embedded = embed(photos);
    FacePair same =
        new FacePair(new ImageRef("Colin_Powell", 1), new ImageRef("Colin_Powell", 2), true, 0);
    FacePair different =
        new FacePair(new ImageRef("Colin_Powell", 2), new ImageRef("Aaron_Eckhart", 1), false, 3);
    List<ScoredFacePair> scored = embedded.score(List.of(same, different));
    assertEquals(cosine(embedded.vector(0), embedded.vector(1)), scored.get(0).score(), 1e-6);
    assertEquals(cosine(embedded.vector(1), embedded.vector(2)), scored.get(1).score(), 1e-6);
    assertEquals(3, scored.get(1).fold());
  }

  @Test
  void aPhotoThatWasNotEmbeddedIsNamed() {
    EmbeddedFaces embedded = embed(List.of(lfw.image("Aaron_Eckhart", 1)));
    FacePair pair =
        new FacePair(new ImageRef("Aaron_Eckhart", 1), new ImageRef("Zico", 3), false, 0);
    ImageNotFoundException e =
        assertThrows(ImageNotFoundException.class, () -> embedded.score(List.of(pair)));
    assertEquals("Zico_0003 was not among the 1 embedded photos", e.getMessage());
  }

  @Test
  void cropsMustBePreparedAsTheEmbedderWants() {
    PixelEmbedder grey = new PixelEmbedder(new Preprocessing(CropBox.SEED, ColorMode.GREY, 32));
    try (CropSource crops = new CropSource(TestCrops.cache(), lfw, Preprocessing.RESNET_64)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> EmbeddedFaces.embed(grey, crops, lfw.imagesOf("Aaron_Eckhart"), "test"));
      assertEquals(
          "pixels-32-grey takes crops prepared as "
              + grey.preprocessing()
              + ", not "
              + Preprocessing.RESNET_64,
          e.getMessage());
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * (double) b[i];
      na += a[i] * (double) a[i];
      nb += b[i] * (double) b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
