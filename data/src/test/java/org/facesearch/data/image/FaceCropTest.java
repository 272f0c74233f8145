package org.facesearch.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FaceCropTest {
  private static FaceCrop grey(int... values) {
    byte[] pixels = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      pixels[i] = (byte) values[i];
    }
    return new FaceCrop(1, 1, values.length, pixels);
  }

  @Test
  void aBlendWeighsEachPixelAndRounds() {
    FaceCrop a = grey(0, 200, 255, 10);
    FaceCrop b = grey(100, 0, 255, 11);
    // 0.25 * a + 0.75 * b: 75, 50, 255, 10.75 -> 11.
    assertArrayEquals(
        grey(75, 50, 255, 11).pixels(), a.blend(b, 0.25f).pixels(), "bytes above 127 too");
    assertArrayEquals(a.pixels(), a.blend(b, 1).pixels());
    assertArrayEquals(b.pixels(), a.blend(b, 0).pixels());
  }

  @Test
  void onlyCropsOfOneShapeBlendAndTheWeightIsAShare() {
    FaceCrop a = grey(1, 2, 3, 4);
    assertEquals(
        "cannot blend a 1x1x4 crop with a 1x1x3 one",
        assertThrows(IllegalArgumentException.class, () -> a.blend(grey(1, 2, 3), 0.5f))
            .getMessage());
    assertEquals(
        "a blend's weight is in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> a.blend(a, 1.5f)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.blend(a, Float.NaN));
  }
}
