package org.facesearch.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ActivationRangeTest {
  @Test
  void aRangeAcrossZeroPutsZeroOnALevel() {
    // [-1, 3] over 255 steps: scale 4/255, zero at round(1 / (4/255)) = round(63.75) = 64.
    ActivationRange r = ActivationRange.covering(-1, 3);
    assertEquals(4f / 255, r.scale(), 1e-7);
    assertEquals(64, r.zeroPoint());
  }

  @Test
  void aReluOutputStartsAtZeroAndARangeWithoutZeroIsWidenedToIt() {
    assertEquals(0, ActivationRange.covering(0, 2.55).zeroPoint());
    assertEquals(0.01f, ActivationRange.covering(0, 2.55).scale(), 1e-7);
    // Only positive values: still from zero, or padding's zeros would not be exact.
    assertEquals(ActivationRange.covering(0, 5), ActivationRange.covering(2, 5));
    // Only negative values: zero is the top level.
    assertEquals(255, ActivationRange.covering(-5, -2).zeroPoint());
  }

  @Test
  void aNeverPositiveReluStillGetsAUsableScale() {
    ActivationRange dead = ActivationRange.covering(0, 0);
    assertEquals(ActivationRange.MIN_SPAN / 255, dead.scale(), 1e-9);
    assertEquals(0, dead.zeroPoint());
  }

  @Test
  void impossibleRangesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ActivationRange(0f, 0));
    assertThrows(IllegalArgumentException.class, () -> new ActivationRange(Float.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> new ActivationRange(1f, 256));
  }
}
