package org.facesearch.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.facesearch.model.arch.Architecture;
import org.facesearch.trainer.objective.DistillObjective;
import org.facesearch.trainer.objective.MarginSoftmaxObjective;
import org.facesearch.trainer.objective.Objectives;
import org.facesearch.trainer.objective.TrainingObjective;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
  private static TrainConfig triplet(
      long iterations, int epochs, int batch, float margin, boolean cosine) {
    return TrainConfig.builder(Objectives.TRIPLET)
        .schedule(iterations, epochs)
        .batch(batch)
        .cosineDecay(cosine)
        .set(Settings.MINING, Mining.BATCH_HARD)
        .set(Settings.MARGIN, margin)
        .build();
  }

  @Test
  void seedDefaults() {
    TrainConfig t = TrainConfig.defaults(Objectives.TRIPLET);
    assertEquals(10_000, t.iterations());
    assertEquals(64, t.batch());
    assertEquals(1e-4f, t.learningRate());
    assertEquals(1e-5f, t.weightDecay());
    assertEquals(250, t.validateEvery());
    assertEquals(0.2f, t.margin());
    TrainConfig s = TrainConfig.defaults(Objectives.NT_XENT);
    assertEquals(300, s.epochs());
    assertEquals(0, s.iterations());
    assertEquals(3e-3f, s.learningRate());
    assertEquals(Architecture.CNN19, TrainConfig.defaults(Objectives.BCE).architecture());
  }

  @Test
  void eachObjectiveIsFoundByItsIdAndItsDefaultsPassItsChecks() {
    for (TrainingObjective o : Objectives.all()) {
      assertEquals(o, Objectives.byId(o.id()));
      if (!o.needsTeacher()) {
        assertEquals(o, TrainConfig.defaults(o).objective());
      }
    }
    assertEquals(
        "unknown objective 'siamese'; known: triplet, ntxent, contrastive, bce, cosface, arcface, distill",
        assertThrows(IllegalArgumentException.class, () -> Objectives.byId("siamese"))
            .getMessage());
  }

  @Test
  void marginSoftmaxDefaultsAreTheirPapers() {
    assertEquals(0.35f, TrainConfig.defaults(Objectives.COSFACE).margin());
    assertEquals(0.5f, TrainConfig.defaults(Objectives.ARCFACE).margin());
    assertEquals(30f, TrainConfig.defaults(Objectives.ARCFACE).get(MarginSoftmaxObjective.SCALE));
    assertEquals(
        "an ArcFace margin is an angle in radians below pi/2 (typically 0.5), got 2.0",
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainConfig.builder(Objectives.ARCFACE).set(Settings.MARGIN, 2f).build())
            .getMessage());
  }

  @Test
  void aSettingTheObjectiveLacksIsRefused() {
    assertEquals(
        "the ntxent objective has no margin setting",
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainConfig.builder(Objectives.NT_XENT).set(Settings.MARGIN, 1f))
            .getMessage());
    assertEquals(
        "scale must be > 0 and finite, got -1.0",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    TrainConfig.builder(Objectives.COSFACE).set(MarginSoftmaxObjective.SCALE, -1f))
            .getMessage());
  }

  @Test
  void aDistillationCheckpointFromBeforeMixupResumesWithoutItAndOnlyWithoutIt() {
    TrainConfig plain =
        TrainConfig.builder(Objectives.DISTILL)
            .set(DistillObjective.TEACHER, "pixels-32-grey")
            .build();
    assertEquals(0.0f, plain.hyperparameters().get("teacherMixup"));
    Map<String, Object> older = new HashMap<>(plain.hyperparameters());
    older.remove("teacherMixup");
    assertEquals(Set.of(), plain.incompatibleWith(older));
    TrainConfig mixed = plain.toBuilder().set(DistillObjective.TEACHER_MIXUP, 0.5f).build();
    assertEquals(Set.of("teacherMixup"), mixed.incompatibleWith(older));
    assertEquals(Set.of(), mixed.incompatibleWith(mixed.hyperparameters()));
    assertEquals(
        "teacher mixup must be between 0 and 1, got 1.5",
        assertThrows(
                IllegalArgumentException.class,
                () -> plain.toBuilder().set(DistillObjective.TEACHER_MIXUP, 1.5f).build())
            .getMessage());
  }

  @Test
  void aMixupShareTooSmallForOneBlendABatchIsRefusedWithTheSmallestThatMakesOne() {
    TrainConfig plain =
        TrainConfig.builder(Objectives.DISTILL)
            .set(DistillObjective.TEACHER, "pixels-32-grey")
            .batch(64)
            .build();
    assertEquals(
        "a teacher mixup share of 0.005 makes no blend in a batch of 64; use at least 0.01563"
            + " (1/64: one blend a batch) or 0 for none",
        assertThrows(
                IllegalArgumentException.class,
                () -> plain.toBuilder().set(DistillObjective.TEACHER_MIXUP, 0.005f).build())
            .getMessage());
    // The suggested share is accepted: it makes one blend (the trainer rounds share x batch).
    TrainConfig one = plain.toBuilder().set(DistillObjective.TEACHER_MIXUP, 0.01563f).build();
    assertEquals(0.01563f, one.get(DistillObjective.TEACHER_MIXUP));
  }

  @Test
  void distillationNeedsATeacherAndRecordsIt() {
    assertEquals(
        "distill needs a value for teacher",
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults(Objectives.DISTILL))
            .getMessage());
    TrainConfig d =
        TrainConfig.builder(Objectives.DISTILL)
            .set(DistillObjective.TEACHER, "pixels-32-grey")
            .build();
    assertEquals("pixels-32-grey", d.hyperparameters().get("teacher"));
    assertEquals(
        "LFW peopleDevTrain + teacher pixels-32-grey (trained on outside data)",
        d.hyperparameters().get("trainingData"));
    assertFalse(
        d.hyperparameters().containsKey("temperature"),
        "only the objective's own settings are recorded");
    TrainConfig raw =
        d.toBuilder().set(DistillObjective.TEACHER_DATA, "raw pixels, not trained").build();
    assertEquals(
        "LFW peopleDevTrain + teacher pixels-32-grey (raw pixels, not trained)",
        raw.hyperparameters().get("trainingData"));
  }

  @Test
  void exactlyOneOfIterationsAndEpochs() {
    assertEquals(
        "give either iterations or epochs (one positive, the other 0), got iterations 10 and epochs 2",
        assertThrows(IllegalArgumentException.class, () -> triplet(10, 2, 64, 0.2f, false))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> triplet(0, 0, 64, 0.2f, false));
  }

  @Test
  void aPkBatchNeedsTwoPeople() {
    assertEquals(
        "a batch-hard batch needs at least two people: batch 6 < 2 x 4 images per person",
        assertThrows(IllegalArgumentException.class, () -> triplet(10, 0, 6, 0.2f, false))
            .getMessage());
  }

  @Test
  void aConfigIsImmutableAndItsBuilderCopiesIt() {
    TrainConfig a = triplet(100, 0, 64, 0.2f, false);
    TrainConfig b = a.toBuilder().set(Settings.MARGIN, 0.5f).build();
    assertEquals(0.2f, a.margin());
    assertEquals(0.5f, b.margin());
    assertEquals(a, a.toBuilder().build());
    assertTrue(a.hyperparameters().containsKey("imagesPerPerson"));
  }

  @Test
  void resumingMayExtendAConstantScheduleButNotChangeTheMargin() {
    Map<String, Object> recorded =
        new HashMap<>(triplet(100, 0, 64, 0.2f, false).hyperparameters());
    assertEquals(Set.of(), triplet(200, 0, 64, 0.2f, false).incompatibleWith(recorded));
    assertEquals(Set.of("margin"), triplet(100, 0, 64, 0.5f, false).incompatibleWith(recorded));
    // JSON reads the recorded numbers back as Long and Double: still equal.
    recorded.put("batch", 64L);
    recorded.put("margin", 0.2);
    assertEquals(Set.of(), triplet(100, 0, 64, 0.2f, false).incompatibleWith(recorded));
  }

  @Test
  void aSeedProtocolRunResumesOnlyAsOneAndOlderCheckpointsTrainedOnPeopleDevTrain() {
    TrainConfig devTrain = triplet(100, 0, 64, 0.2f, false);
    TrainConfig seed = devTrain.toBuilder().people(TrainingPeople.SEED).build();
    assertEquals("peopleDevTrain.txt", devTrain.hyperparameters().get(TrainConfig.PEOPLE_SOURCE));
    assertEquals(
        Set.of(TrainConfig.PEOPLE_SOURCE), seed.incompatibleWith(devTrain.hyperparameters()));
    Map<String, Object> older = new HashMap<>(devTrain.hyperparameters());
    older.remove(TrainConfig.PEOPLE_SOURCE);
    assertEquals(Set.of(), devTrain.incompatibleWith(older));
    assertEquals(Set.of(TrainConfig.PEOPLE_SOURCE), seed.incompatibleWith(older));
  }

  @Test
  void aCosineScheduleFixesTheLength() {
    Map<String, Object> recorded = triplet(100, 0, 64, 0.2f, true).hyperparameters();
    assertEquals(Set.of("iterations"), triplet(200, 0, 64, 0.2f, true).incompatibleWith(recorded));
  }

  @Test
  void theOptimiserAndRevivalAreRecordedAndARunRecordedWithoutThemResumesOnlyWithout() {
    TrainConfig adam = triplet(100, 0, 64, 0.2f, false);
    assertEquals("adam", adam.hyperparameters().get("optimizer"));
    assertFalse(adam.hyperparameters().containsKey("reviveDeadBranches"));
    TrainConfig adamw =
        adam.toBuilder()
            .decoupledWeightDecay(true)
            .initialWeights("triplet-0123456789ab")
            .reviveDeadBranches(true)
            .build();
    assertEquals("adamw", adamw.hyperparameters().get("optimizer"));
    assertEquals(true, adamw.hyperparameters().get("reviveDeadBranches"));
    assertEquals(
        Set.of("optimizer", "reviveDeadBranches", TrainConfig.INITIAL_WEIGHTS),
        adamw.incompatibleWith(adam.hyperparameters()));
  }

  @Test
  void revivingDeadBranchesNeedsInitialWeights() {
    assertEquals(
        "reviving dead residual branches needs initial weights to revive; random ones have none",
        assertThrows(
                IllegalArgumentException.class,
                () -> triplet(100, 0, 64, 0.2f, false).toBuilder().reviveDeadBranches(true).build())
            .getMessage());
  }
}
