package org.facesearch.trainer.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeacherTargetsTest {
  @Test
  void centringSubtractsTheTrainingMeanOnlyThenNormalises() {
    Map<Integer, float[]> rows = new HashMap<>();
    rows.put(0, new float[] {2, 1});
    rows.put(1, new float[] {0, 1});
    rows.put(7, new float[] {1, 3}); // a validation crop: centred, but not part of the mean
    TeacherTargets.centre(rows, new int[] {0, 1});
    // Training mean (1, 1): (1, 0), (-1, 0) and (0, 2) -> (0, 1).
    assertArrayEquals(new float[] {1, 0}, rows.get(0), 1e-6f);
    assertArrayEquals(new float[] {-1, 0}, rows.get(1), 1e-6f);
    assertArrayEquals(new float[] {0, 1}, rows.get(7), 1e-6f);
  }

  @Test
  void aVectorAtTheCentreHasNoDirectionAndIsRefused() {
    Map<Integer, float[]> rows = new HashMap<>();
    rows.put(0, new float[] {1, 1});
    rows.put(1, new float[] {1, 1});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TeacherTargets.centre(rows, new int[] {0, 1}));
    assertEquals(
        "crop 0's teacher vector is the training mean: it has no direction", e.getMessage());
  }

  @Test
  void formsAreNamedByTheirCommandLineIds() {
    assertEquals(TargetForm.MIRROR_CENTRED, TargetForm.fromId("mirror-centred"));
    assertEquals("plain", TargetForm.PLAIN.id());
    assertEquals(
        "unknown teacher target form 'centred'; known: plain, mirror-centred",
        assertThrows(IllegalArgumentException.class, () -> TargetForm.fromId("centred"))
            .getMessage());
  }
}
