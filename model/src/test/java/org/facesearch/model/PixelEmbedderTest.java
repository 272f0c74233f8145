package org.facesearch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.testing.LfwCrops;
import org.junit.jupiter.api.Test;

class PixelEmbedderTest {
  private final PixelEmbedder embedder = new PixelEmbedder(Preprocessing.RESNET_64);

  @Test
  void idAndDimensionFollowThePreprocessing() {
    assertEquals("pixels-64-rgb", embedder.modelId());
    assertEquals(3 * 64 * 64, embedder.dimension());
    PixelEmbedder grey = new PixelEmbedder(new Preprocessing(CropBox.FULL, ColorMode.GREY, 32));
    assertEquals("pixels-32-grey-c0-0-250-250", grey.modelId());
    assertEquals(32 * 32, grey.dimension());
  }

  @Test
  void realFacesBecomeCentredUnitVectors() {
    List<FaceCrop> crops = LfwCrops.load(Preprocessing.RESNET_64);
    float[][] vectors = embedder.embed(crops);
    assertEquals(crops.size(), vectors.length);
    for (int i = 0; i < vectors.length; i++) {
      float[] v = vectors[i];
      assertEquals(embedder.dimension(), v.length);
      double sum = 0;
      double squares = 0;
      for (float x : v) {
        sum += x;
        squares += x * x;
      }
      assertEquals(0, sum, 1e-3, "vector " + i + " is mean-centred");
      assertEquals(1, squares, 1e-4, "vector " + i + " has unit length");
      // Entry 0 is the top-left red pixel, minus the mean, over the centred norm.
      byte[] p = crops.get(i).pixels();
      double mean = 0;
      for (byte b : p) {
        mean += b & 0xFF;
      }
      mean /= p.length;
      double norm = 0;
      for (byte b : p) {
        norm += ((b & 0xFF) - mean) * ((b & 0xFF) - mean);
      }
      assertEquals(((p[0] & 0xFF) - mean) / Math.sqrt(norm), v[0], 1e-6);
    }
  }

  @Test
  void aUniformBrightnessShiftDoesNotMoveTheVector() {
    FaceCrop face = LfwCrops.load(Preprocessing.RESNET_64).get(2);
    byte[] darker = face.pixels().clone();
    int min = 255;
    for (byte b : darker) {
      min = Math.min(min, b & 0xFF);
    }
    for (int i = 0; i < darker.length; i++) {
      darker[i] = (byte) ((darker[i] & 0xFF) - min);
    }
    assertTrue(min > 0, "the test face needs some headroom to darken");
    FaceCrop shifted = new FaceCrop(3, 64, 64, darker);
    float[][] both = embedder.embed(List.of(face, shifted));
    assertArrayEquals(both[0], both[1], 1e-6f);
  }

  @Test
  void aUniformCropMapsToZero() {
    byte[] grey = new byte[3 * 64 * 64];
    java.util.Arrays.fill(grey, (byte) 128);
    float[] v = embedder.embed(List.of(new FaceCrop(3, 64, 64, grey)))[0];
    assertArrayEquals(new float[v.length], v);
  }

  @Test
  void aCropOfTheWrongSizeIsNamed() {
    List<FaceCrop> crops =
        List.of(
            LfwCrops.load(Preprocessing.RESNET_64).get(0),
            LfwCrops.load(Preprocessing.CNN_128).get(0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> embedder.embed(crops));
    assertEquals("crop 1 is 3x128x128 but pixels-64-rgb takes 3x64x64", e.getMessage());
  }
}
