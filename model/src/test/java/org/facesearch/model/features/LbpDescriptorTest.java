package org.facesearch.model.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.facesearch.data.image.FaceCrop;
import org.junit.jupiter.api.Test;

class LbpDescriptorTest {

  @Test
  void theFiftyEightUniformCodesGetABinEachAndEveryOtherCodeSharesTheLast() {
    Set<Integer> uniformBins = new HashSet<>();
    int others = 0;
    for (int code = 0; code < 256; code++) {
      int transitions = 0;
      for (int bit = 0; bit < 8; bit++) {
        if (((code >> bit) & 1) != ((code >> ((bit + 1) % 8)) & 1)) {
          transitions++;
        }
      }
      if (transitions <= 2) {
        assertTrue(uniformBins.add(LbpDescriptor.bin(code)), "bin of " + code + " is shared");
      } else {
        assertEquals(58, LbpDescriptor.bin(code), "non-uniform code " + code);
        others++;
      }
    }
    assertEquals(58, uniformBins.size());
    assertEquals(198, others);
    assertEquals(0, LbpDescriptor.bin(0));
    assertEquals(58, LbpDescriptor.bin(0b01010101));
  }

  /**
   * One 3x3 cell in the middle of a 5x5 grey image whose brightness rises downwards by 10 per row:
   * every pixel's upper neighbours are darker (bits 1, 2, 4 clear), its left, right and lower ones
   * at least as bright (8 + 16 + 32 + 64 + 128 = 248), so all nine fall in 248's bin and the
   * square-rooted share there is 1.
   */
  @Test
  void aVerticalRampPutsEveryPixelOfTheCellInTheBinOfCode248() {
    LbpDescriptor descriptor = new LbpDescriptor(3, 3, List.of(5));
    assertEquals(59, descriptor.dimension());
    float[] downwards = descriptor.describe(grey(5, (y, x) -> 10 * y));
    assertEquals(1f, downwards[LbpDescriptor.bin(248)], 1e-6);
    assertEquals(1f, sum(downwards), 1e-6);
    // Brightness rising to the right: top (2), top right (4), right (8), bottom right (16) and
    // bottom (32) are at least as bright: 62.
    float[] rightwards = descriptor.describe(grey(5, (y, x) -> 10 * x));
    assertEquals(1f, rightwards[LbpDescriptor.bin(62)], 1e-6);
    assertNotEquals(LbpDescriptor.bin(62), LbpDescriptor.bin(248));
  }

  /**
   * A single bright pixel in the cell's centre is a local maximum (code 0); each of its eight
   * neighbours sees the spot and otherwise equal pixels, all at least as bright as itself (code
   * 255). So 1/9 of the cell falls in bin 0 and 8/9 in 255's bin, square-rooted.
   */
  @Test
  void aBrightSpotCountsOnceAsAMaximumAndEightTimesAsAOneBitCode() {
    LbpDescriptor descriptor = new LbpDescriptor(3, 3, List.of(5));
    float[] spot = descriptor.describe(grey(5, (y, x) -> y == 2 && x == 2 ? 200 : 50));
    assertEquals((float) Math.sqrt(1.0 / 9), spot[LbpDescriptor.bin(0)], 1e-6);
    assertEquals((float) Math.sqrt(8.0 / 9), spot[LbpDescriptor.bin(255)], 1e-6);
  }

  @Test
  void scalesAndOverlappingCellsAddUpToTheStatedLength() {
    assertEquals((23 * 23 + 16 * 16 + 11 * 11 + 7 * 7) * 59, LbpDescriptor.DEFAULT.dimension());
    assertEquals(56_345, LbpDescriptor.DEFAULT.dimension());
    FaceCrop flat = grey(96, (y, x) -> 128);
    assertEquals(56_345, LbpDescriptor.DEFAULT.describe(flat).length);
  }

  @Test
  void aCropOfTheWrongSizeIsRefusedWithTheSizeItTakes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LbpDescriptor.DEFAULT.describe(grey(64, (y, x) -> 0)));
    assertEquals("the LBP descriptor takes 96x96 crops, got 64x64", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LbpDescriptor(8, 9, List.of(96)));
    assertThrows(IllegalArgumentException.class, () -> new LbpDescriptor(8, 4, List.of(4)));
  }

  private interface Shade {
    int at(int y, int x);
  }

  private static FaceCrop grey(int size, Shade shade) {
    byte[] pixels = new byte[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        pixels[y * size + x] = (byte) shade.at(y, x);
      }
    }
    return new FaceCrop(1, size, size, pixels);
  }

  private static float sum(float[] values) {
    float s = 0;
    for (float v : values) {
      s += v;
    }
    return s;
  }
}
