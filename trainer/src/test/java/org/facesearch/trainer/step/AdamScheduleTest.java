package org.facesearch.trainer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The learning rate per update; the schedule needs no tensors, so no engine here. */
class AdamScheduleTest {
  @Test
  void constantRateStaysPut() {
    Adam adam = new Adam(0.01f, 0f, null);
    assertEquals(0.01f, adam.rateAt(1));
    assertEquals(0.01f, adam.rateAt(1_000_000));
  }

  @Test
  void cosineStartsAtTheRateHalvesHalfwayAndEndsAtZero() {
    Adam adam = new Adam(0.01f, 100, 0f, false, null);
    assertEquals(0.01f, adam.rateAt(1), 1e-9);
    // Update 51 is progress 50/100: cos(pi/2) = 0, so half the rate.
    assertEquals(0.005f, adam.rateAt(51), 1e-9);
    // Update 26 is progress 1/4: (1 + cos(pi/4)) / 2 = 0.853553.
    assertEquals(0.00853553f, adam.rateAt(26), 1e-8);
    assertEquals(0f, adam.rateAt(101), 1e-9);
    assertEquals(0f, adam.rateAt(500), 1e-9);
  }

  @Test
  void badSettingsAreRefused() {
    assertEquals(
        "learning rate must be > 0 and finite, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new Adam(0f, 0f, null)).getMessage());
    assertEquals(
        "decay steps must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1f, -1, 0f, false, null))
            .getMessage());
  }
}
