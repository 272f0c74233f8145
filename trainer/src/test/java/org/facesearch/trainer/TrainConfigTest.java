package org.facesearch.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.Objective;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
  private static TrainConfig triplet(long iterations, int epochs, int batch, float margin, boolean cosine) {
    return new TrainConfig(Objective.TRIPLET, Architecture.RESNET18, Mining.BATCH_HARD, PairSource.SAMPLED,
        iterations, epochs, batch, 4, false, margin, 1f, 1e-4f, cosine, 1e-5f, 1, 250, 0.1, 600, 0);
  }

  @Test
  void seedDefaults() {
    TrainConfig t = TrainConfig.defaults(Objective.TRIPLET);
    assertEquals(10_000, t.iterations());
    assertEquals(64, t.batch());
    assertEquals(1e-4f, t.learningRate());
    assertEquals(1e-5f, t.weightDecay());
    assertEquals(250, t.validateEvery());
    TrainConfig s = TrainConfig.defaults(Objective.NT_XENT);
    assertEquals(300, s.epochs());
    assertEquals(0, s.iterations());
    assertEquals(3e-3f, s.learningRate());
    assertEquals(Architecture.CNN19, TrainConfig.defaults(Objective.BCE).architecture());
  }

  @Test
  void exactlyOneOfIterationsAndEpochs() {
    assertEquals(
        "give either iterations or epochs (one positive, the other 0), got iterations 10 and epochs 2",
        assertThrows(IllegalArgumentException.class, () -> triplet(10, 2, 64, 0.2f, false)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> triplet(0, 0, 64, 0.2f, false));
  }

  @Test
  void aPkBatchNeedsTwoPeople() {
    assertEquals(
        "a batch-hard batch needs at least two people: batch 6 < 2 x 4 images per person",
        assertThrows(IllegalArgumentException.class, () -> triplet(10, 0, 6, 0.2f, false)).getMessage());
  }

  @Test
  void resumingMayExtendAConstantScheduleButNotChangeTheMargin() {
    Map<String, Object> recorded = new HashMap<>(triplet(100, 0, 64, 0.2f, false).hyperparameters());
    assertEquals(Set.of(), triplet(200, 0, 64, 0.2f, false).incompatibleWith(recorded));
    assertEquals(Set.of("margin"), triplet(100, 0, 64, 0.5f, false).incompatibleWith(recorded));
    // JSON reads the recorded numbers back as Long and Double: still equal.
    recorded.put("batch", 64L);
    recorded.put("margin", 0.2);
    assertEquals(Set.of(), triplet(100, 0, 64, 0.2f, false).incompatibleWith(recorded));
  }

  @Test
  void aCosineScheduleFixesTheLength() {
    Map<String, Object> recorded = triplet(100, 0, 64, 0.2f, true).hyperparameters();
    assertEquals(Set.of("iterations"), triplet(200, 0, 64, 0.2f, true).incompatibleWith(recorded));
  }
}
