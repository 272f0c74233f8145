package org.facesearch.trainer.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.protocol.DevelopmentPeople;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.TrainingSetting;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.objective.Objectives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that start from a trained bundle's weights ({@code facesearch train --init}). */
class InitialWeightsTest {
  @TempDir static Path cache;
  @TempDir static Path first;
  @TempDir Path runDir;

  /** A 64x64 triplet model trained for a few steps: the weights the runs below start from. */
  static ModelBundle trained;

  @BeforeAll
  static void trainTheStartingModel() throws Exception {
    TrainConfig config =
        SmokeRuns.config(
            Objectives.TRIPLET, Architecture.RESNET18, Mining.BATCH_HARD, PairSource.SAMPLED, 2, 8);
    TrainingResult result = TrainingRun.run(config, SmokeRuns.plan(cache, first, false));
    trained = ModelBundle.open(result.bundle().orElseThrow());
  }

  private static TrainConfig tripletOn(Architecture architecture, String initialWeights) {
    return SmokeRuns.config(
            Objectives.TRIPLET, architecture, Mining.BATCH_HARD, PairSource.SAMPLED, 2, 8)
        .toBuilder()
        .initialWeights(initialWeights)
        .build();
  }

  @Test
  void aRunAt96PixelsStartsFromA64PixelModelsWeightsAndRecordsIt() throws Exception {
    Map<String, float[]> expected = new LinkedHashMap<>();
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(java.util.Optional.empty(), DeviceChoice.CPU));
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork network = trained.loadNetwork(manager);
      for (Pair<String, Parameter> p : network.getParameters()) {
        expected.put(p.getKey(), p.getValue().getArray().toFloatArray());
      }
    }
    Map<String, float[]> atBegin = new LinkedHashMap<>();
    TrainingListener snapshot =
        new TrainingListener() {
          @Override
          public void onTrainingBegin(RunContext run) {
            for (Pair<String, Parameter> p : run.network().getParameters()) {
              atBegin.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
          }
        };

    TrainingResult result =
        TrainingRun.run(
            tripletOn(Architecture.RESNET18_96, trained.modelId()),
            SmokeRuns.plan(cache, runDir, false).withInitialWeights(trained),
            List.of(snapshot));

    assertEquals(expected.keySet(), atBegin.keySet());
    expected.forEach((name, values) -> assertArrayEquals(values, atBegin.get(name), name));
    ModelBundle bundle = ModelBundle.open(result.bundle().orElseThrow());
    assertEquals(Architecture.RESNET18_96, bundle.metadata().spec().architecture());
    assertEquals(96, bundle.metadata().spec().input().size());
    assertEquals(
        trained.modelId(),
        bundle.metadata().training().hyperparameters().get(TrainConfig.INITIAL_WEIGHTS));
    // Trained on from there: the weights moved.
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork after = bundle.loadNetwork(manager);
      boolean moved = false;
      for (Pair<String, Parameter> p : after.getParameters()) {
        moved |=
            !java.util.Arrays.equals(
                expected.get(p.getKey()), p.getValue().getArray().toFloatArray());
      }
      assertTrue(moved);
    }
  }

  @Test
  void aRunStartedFromABundleResumesWithTheSameSettingsAndNotWithout() throws Exception {
    TrainConfig twoSteps = tripletOn(Architecture.RESNET18_96, trained.modelId());
    RunPlan plan = SmokeRuns.plan(cache, runDir, false).withInitialWeights(trained);
    TrainingRun.run(twoSteps, plan.withRunDir(runDir, runDir.resolve("first")));
    TrainConfig fourSteps = twoSteps.toBuilder().iterations(4).build();

    InvalidSettingException without =
        assertThrows(
            InvalidSettingException.class,
            () ->
                TrainingRun.run(
                    SmokeRuns.config(
                        Objectives.TRIPLET,
                        Architecture.RESNET18_96,
                        Mining.BATCH_HARD,
                        PairSource.SAMPLED,
                        4,
                        8),
                    SmokeRuns.plan(cache, runDir, true)));
    assertTrue(without.getMessage().contains("initialWeights"), without.getMessage());

    TrainingResult resumed =
        TrainingRun.run(
            fourSteps,
            SmokeRuns.plan(cache, runDir, true)
                .withInitialWeights(trained)
                .withRunDir(runDir, runDir.resolve("second")));
    assertEquals(4, resumed.steps());
    assertTrue(resumed.completed());
  }

  @Test
  void aRunFromRandomWeightsRecordsNoInitialWeights() {
    assertFalse(
        SmokeRuns.config(
                Objectives.TRIPLET,
                Architecture.RESNET18,
                Mining.BATCH_HARD,
                PairSource.SAMPLED,
                2,
                8)
            .hyperparameters()
            .containsKey(TrainConfig.INITIAL_WEIGHTS));
  }

  @Test
  void theValidationPeopleAContinuedRunsWeightsTrainedOnAreCountedFromTheirRecord() {
    List<String> devTrain =
        PeopleFile.read(LfwTestData.root().resolve(TrainingData.TRAIN_PEOPLE)).names();
    // The seventh stage, the default (seed 3, a tenth held out), as its model.json records it.
    ModelBundle student = ModelBundle.open(Path.of("../models/default"));
    Map<String, Object> recorded = student.metadata().training().hyperparameters();
    List<String> itsTraining = TrainingData.trainPeopleOf(devTrain, 0.1, 3);
    assertEquals(((Number) recorded.get("trainingPeople")).intValue(), itsTraining.size());
    // Their photos, counted, are the run's: the split is the one that run drew.
    assertEquals(
        ((Number) recorded.get("trainingImages")).intValue(),
        LfwDataset.open(LfwTestData.root()).withIdentities(itsTraining).images().size());
    Set<String> itsValidation = new TreeSet<>(devTrain);
    itsTraining.forEach(itsValidation::remove);
    assertEquals(((Number) recorded.get("validationPeople")).intValue(), itsValidation.size());

    // The same seed holds out the same people: none seen.
    assertEquals(
        OptionalInt.of(0),
        InitialWeights.validationPeopleSeen(student, devTrain, List.copyOf(itsValidation)));
    // Seed 2 (the stages before it) holds out others: those not held out by seed 3 were seen.
    Set<String> seed2Validation = new TreeSet<>(devTrain);
    TrainingData.trainPeopleOf(devTrain, 0.1, 2).forEach(seed2Validation::remove);
    long alsoHeldOut = seed2Validation.stream().filter(itsValidation::contains).count();
    OptionalInt seen =
        InitialWeights.validationPeopleSeen(student, devTrain, List.copyOf(seed2Validation));
    assertEquals(OptionalInt.of((int) (seed2Validation.size() - alsoHeldOut)), seen);
    assertTrue(seen.getAsInt() > seed2Validation.size() / 2, "seen " + seen);

    // The same weights, had they also learnt peopleDevTest's untested people, held out the same.
    Map<String, Object> withUntested = new HashMap<>(recorded);
    withUntested.put(TrainConfig.PEOPLE_SOURCE, DevelopmentPeople.TRAIN_AND_UNTESTED);
    withUntested.put(
        "trainingPeople",
        itsTraining.size()
            + DevelopmentPeople.untested(LfwDataset.open(LfwTestData.root())).size());
    assertEquals(
        OptionalInt.of(0),
        InitialWeights.validationPeopleSeen(withUntested, devTrain, List.copyOf(itsValidation)));
    assertEquals(
        seen,
        InitialWeights.validationPeopleSeen(withUntested, devTrain, List.copyOf(seed2Validation)));
    // A record that says it had them but counts no more people than peopleDevTrain's share is not
    // one such run made.
    withUntested.put("trainingPeople", itsTraining.size());
    assertEquals(
        OptionalInt.empty(),
        InitialWeights.validationPeopleSeen(withUntested, devTrain, List.copyOf(itsValidation)));

    // A bundle trained on a handful of people cannot say which of all of them it saw.
    assertEquals(
        OptionalInt.empty(),
        InitialWeights.validationPeopleSeen(trained, devTrain, List.copyOf(seed2Validation)));
  }

  @Test
  void aRunFromWeightsThatTrainedOnItsValidationPeopleSaysSoAndRecordsHowMany() throws Exception {
    // The starting weights as a full peopleDevTrain run with seed 3 would have recorded them.
    Map<String, Object> recorded =
        new LinkedHashMap<>(trained.metadata().training().hyperparameters());
    recorded.put("seed", 3L);
    recorded.put("validationFraction", 0.1);
    recorded.put(TrainConfig.PEOPLE_SOURCE, TrainingData.TRAIN_PEOPLE);
    recorded.put("trainingPeople", 3634L);
    recorded.put("validationPeople", 404L);
    TrainingRecord from = trained.metadata().training();
    ModelBundle start;
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(java.util.Optional.empty(), DeviceChoice.CPU));
    try (NDManager manager = runtime.newManager()) {
      start =
          ModelBundle.write(
              runDir.resolve("seed-3-weights"),
              trained.metadata().spec(),
              new TrainingRecord(
                  recorded,
                  from.device(),
                  from.dataFingerprint(),
                  from.iterations(),
                  from.epochs(),
                  from.metrics(),
                  from.trainingSeconds(),
                  from.createdAt(),
                  from.codeVersion()),
              trained.loadNetwork(manager));
    }

    TrainConfig config =
        SmokeRuns.config(
            Objectives.TRIPLET, Architecture.RESNET18, Mining.BATCH_HARD, PairSource.SAMPLED, 2, 8);
    String log = runFrom(start, config, runDir.resolve("run"));

    // This run's validation people (its seed over the smoke runs' ten) that seed 3 trains on.
    List<String> devTrain =
        PeopleFile.read(LfwTestData.root().resolve(TrainingData.TRAIN_PEOPLE)).names();
    Set<String> validation = new TreeSet<>(SmokeRuns.PEOPLE);
    TrainingData.trainPeopleOf(SmokeRuns.PEOPLE, config.validationFraction(), config.seed())
        .forEach(validation::remove);
    Set<String> seed3Training = new TreeSet<>(TrainingData.trainPeopleOf(devTrain, 0.1, 3));
    long expected = validation.stream().filter(seed3Training::contains).count();
    assertTrue(expected >= 1, "the test needs a seen validation person; none of " + validation);

    ModelBundle bundle = ModelBundle.open(runDir.resolve("run").resolve("model"));
    assertEquals(
        expected,
        ((Number)
                bundle
                    .metadata()
                    .training()
                    .hyperparameters()
                    .get(InitialWeights.VALIDATION_PEOPLE_SEEN))
            .longValue());
    assertTrue(
        log.contains(
            "warning: "
                + start.modelId()
                + " was trained on "
                + expected
                + " of this run's "
                + validation.size()
                + " validation people"),
        log);
    assertTrue(log.contains("--seed 3 holds out the people that run held out"), log);
  }

  @Test
  void aModelOfAnotherBackboneIsRefusedBeforeTraining() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                TrainingRun.run(
                    tripletOn(Architecture.CNN19, trained.modelId()),
                    SmokeRuns.plan(cache, runDir, false).withInitialWeights(trained)));
    assertTrue(
        e.getMessage().contains("resnet18, whose weights do not fit a cnn19"), e.getMessage());
    assertTrue(e.settings().contains(TrainingSetting.INITIAL_WEIGHTS), e.settings().toString());
    assertFalse(Files.exists(runDir.resolve("model")));
  }

  @Test
  void aModelOfAnotherObjectiveIsRefusedBeforeTraining() {
    TrainConfig contrastive =
        SmokeRuns.config(
                Objectives.CONTRASTIVE,
                Architecture.RESNET18,
                Mining.RANDOM,
                PairSource.SAMPLED,
                2,
                8)
            .toBuilder()
            .initialWeights(trained.modelId())
            .build();
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                TrainingRun.run(
                    contrastive, SmokeRuns.plan(cache, runDir, false).withInitialWeights(trained)));
    assertTrue(e.getMessage().contains("trained with the triplet objective"), e.getMessage());
  }

  /** {@link #trained} with ten filters of its first residual branch's first convolution at 0. */
  private static ModelBundle withDeadChannels(Path dir) throws Exception {
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(java.util.Optional.empty(), DeviceChoice.CPU));
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork network = trained.loadNetwork(manager);
      var weight =
          network
              .getParameters()
              .get("01backbone_05ParallelBlock_01SequentialBlock_01Conv2d_weight")
              .getArray();
      float[] values = weight.toFloatArray();
      java.util.Arrays.fill(values, 0, 10 * 64 * 9, 0f);
      weight.set(values);
      return ModelBundle.write(
          dir, trained.metadata().spec(), trained.metadata().training(), network);
    }
  }

  private static String runFrom(ModelBundle start, TrainConfig config, Path runDir)
      throws Exception {
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    TrainingRun.run(
        config.toBuilder().initialWeights(start.modelId()).build(),
        SmokeRuns.plan(cache, runDir, false, new java.io.PrintStream(log, true))
            .withInitialWeights(start));
    return log.toString();
  }

  @Test
  void deadChannelsInTheInitialWeightsAreReportedOrRevivedAndTheOptimiserIsRecorded()
      throws Exception {
    ModelBundle dead = withDeadChannels(runDir.resolve("dead"));
    TrainConfig plain = tripletOn(Architecture.RESNET18, trained.modelId());

    String kept = runFrom(dead, plain, runDir.resolve("kept"));
    assertTrue(
        kept.contains(
            "dead channels: 10 of the residual branches' 3840 (0.3%) in the initial weights; they"
                + " will not learn unless revived"),
        kept);

    String revived =
        runFrom(
            dead,
            plain.toBuilder()
                .initialWeights(dead.modelId())
                .reviveDeadBranches(true)
                .decoupledWeightDecay(true)
                .weightDecay(0.05f)
                .build(),
            runDir.resolve("revived"));
    assertTrue(
        revived.contains(
            "revived 10 inner and 0 output channels in 1 residual branches whose filters had"
                + " decayed to zero"),
        revived);
    assertFalse(revived.contains("in the initial weights"), revived);
    Map<String, Object> recorded =
        ModelBundle.open(runDir.resolve("revived").resolve("model"))
            .metadata()
            .training()
            .hyperparameters();
    assertEquals("adamw", recorded.get("optimizer"));
    assertEquals(true, recorded.get("reviveDeadBranches"));
  }
}
