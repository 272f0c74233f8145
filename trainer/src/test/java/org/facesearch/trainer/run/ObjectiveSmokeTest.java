package org.facesearch.trainer.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.PixelEmbedder;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.EmbeddingSource;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.EngineSetting;
import org.facesearch.model.engine.EngineSetupException;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.distill.TargetForm;
import org.facesearch.trainer.distill.TeacherEmbeddings;
import org.facesearch.trainer.distill.TeacherViews;
import org.facesearch.trainer.objective.DistillObjective;
import org.facesearch.trainer.objective.MarginSoftmaxObjective;
import org.facesearch.trainer.objective.Objectives;
import org.facesearch.trainer.testing.Crops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few steps of each objective on ten real peopleDevTrain people: each run must write a bundle
 * that opens, records what was trained, and embeds unseen faces into unit vectors.
 */
class ObjectiveSmokeTest {
  @TempDir static Path cache;
  @TempDir Path runDir;

  private ModelBundle train(TrainConfig config) throws Exception {
    return train(config, SmokeRuns.plan(cache, runDir, false));
  }

  private ModelBundle train(TrainConfig config, RunPlan plan) throws Exception {
    TrainingResult result = TrainingRun.run(config, plan);
    assertTrue(result.completed());
    assertEquals(config.iterations(), result.steps());
    ModelBundle bundle = ModelBundle.open(result.bundle().orElseThrow());
    assertEquals(config.objective().bundleObjective(), bundle.metadata().spec().objective());
    assertEquals(config.architecture(), bundle.metadata().spec().architecture());
    assertEquals(config.iterations(), bundle.metadata().training().iterations());
    for (String metric :
        List.of("view1Accuracy", "threshold", "validationAccuracy", "finalTrainLoss")) {
      assertTrue(bundle.metadata().training().metrics().containsKey(metric), metric);
    }
    return bundle;
  }

  private static void embedsUnitVectors(ModelBundle bundle, int dimension) {
    try (Embedder embedder = bundle.embedder(DeviceChoice.CPU)) {
      List<FaceCrop> crops = Crops.load(embedder.preprocessing(), 2);
      float[][] rows = embedder.embed(crops);
      assertEquals(dimension, rows[0].length);
      for (float[] row : rows) {
        double norm = 0;
        for (float v : row) {
          norm += v * v;
        }
        assertEquals(1.0, norm, 1e-4);
      }
    }
  }

  private static TrainConfig randomTriplets() {
    return SmokeRuns.config(
        Objectives.TRIPLET, Architecture.RESNET18, Mining.RANDOM, PairSource.SAMPLED, 2, 3);
  }

  @Test
  void tripletWithRandomTriplets() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ModelBundle bundle =
        train(
            randomTriplets(),
            SmokeRuns.plan(
                cache, runDir, false, new PrintStream(log, true, StandardCharsets.UTF_8)));
    String first = log.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    assertEquals(
        "facesearch train: triplet on resnet18, device cpu, "
            + Precision.configured().forTraining()
            + " steps",
        first);
    assertEquals(EmbeddingSource.HEAD, bundle.metadata().spec().embedding());
    Map<String, Object> h = bundle.metadata().training().hyperparameters();
    assertEquals("random", h.get("mining"));
    assertEquals(Precision.configured().forTraining().toString(), h.get("trainingPrecision"));
    embedsUnitVectors(bundle, 64);
  }

  /** Whether this CPU computes bf16 natively, so that a bf16 run may start here. */
  private static boolean nativeBf16() {
    return Precision.AUTO.resolve(Device.cpu()) == Precision.BF16;
  }

  @Test
  void aMixedPrecisionRunSaysSoInItsBundle() throws Exception {
    assumeTrue(nativeBf16(), "this CPU has no native bf16: a bf16 run is refused (next test)");
    withPrecision(
        "bf16",
        () -> {
          ModelBundle bundle = train(randomTriplets());
          assertEquals(
              "bf16", bundle.metadata().training().hyperparameters().get("trainingPrecision"));
          embedsUnitVectors(bundle, 64);
        });
  }

  @Test
  void aMixedPrecisionRunIsRefusedBeforeItStartsOnACpuThatWouldEmulateBf16() throws Exception {
    assumeFalse(nativeBf16(), "this CPU has native bf16: a bf16 run trains (previous test)");
    Path fresh = runDir.resolve("bf16-run");
    withPrecision(
        "bf16",
        () -> {
          EngineSetupException e =
              assertThrows(
                  EngineSetupException.class,
                  () -> TrainingRun.run(randomTriplets(), SmokeRuns.plan(cache, fresh, false)));
          assertEquals(
              List.of(EngineSetting.PRECISION),
              e.settingMessage().orElseThrow().settings(),
              e.getMessage());
        });
    assertFalse(Files.exists(fresh), "a refused run leaves no run folder");
  }

  private interface Body {
    void run() throws Exception;
  }

  private static void withPrecision(String precision, Body body) throws Exception {
    String before = System.getProperty(Precision.PROPERTY);
    System.setProperty(Precision.PROPERTY, precision);
    try {
      body.run();
    } finally {
      if (before == null) {
        System.clearProperty(Precision.PROPERTY);
      } else {
        System.setProperty(Precision.PROPERTY, before);
      }
    }
  }

  @Test
  void ntXentEmbedsWithTheBackbone() throws Exception {
    ModelBundle bundle =
        train(
            SmokeRuns.config(
                Objectives.NT_XENT,
                Architecture.RESNET18,
                Mining.RANDOM,
                PairSource.SAMPLED,
                2,
                4));
    assertEquals(EmbeddingSource.BACKBONE, bundle.metadata().spec().embedding());
    assertEquals("simclr", bundle.metadata().training().hyperparameters().get("augmentation"));
    embedsUnitVectors(bundle, 512);
  }

  @Test
  void contrastiveOnSampledPairs() throws Exception {
    ModelBundle bundle =
        train(
            SmokeRuns.config(
                Objectives.CONTRASTIVE,
                Architecture.RESNET18,
                Mining.RANDOM,
                PairSource.SAMPLED,
                2,
                4));
    assertEquals("sampled", bundle.metadata().training().hyperparameters().get("pairs"));
    embedsUnitVectors(bundle, 512);
  }

  @Test
  void contrastiveBatchAll() throws Exception {
    ModelBundle bundle =
        train(
            SmokeRuns.config(
                Objectives.CONTRASTIVE,
                Architecture.RESNET18,
                Mining.RANDOM,
                PairSource.BATCH_ALL,
                2,
                6));
    assertEquals("batch-all", bundle.metadata().training().hyperparameters().get("pairs"));
    embedsUnitVectors(bundle, 512);
  }

  @Test
  void bcePairClassifierOnCnn19() throws Exception {
    ModelBundle bundle =
        train(
            SmokeRuns.config(
                Objectives.BCE, Architecture.CNN19, Mining.RANDOM, PairSource.SAMPLED, 2, 2));
    assertEquals(128, bundle.metadata().spec().input().size());
    embedsUnitVectors(bundle, 1024);
  }

  private static void leavesTrainingParametersOutOfTheBundle(ModelBundle bundle, Path runDir)
      throws Exception {
    try (NDManager manager =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU)).newManager()) {
      FaceNetwork network = bundle.loadNetwork(manager);
      assertEquals(bundle.metadata().spec().newNetwork().getClass(), network.getClass());
      assertTrue(
          network.getParameters().keys().stream().noneMatch(k -> k.contains("classWeights")));
    }
    try (Stream<Path> checkpoints = Files.list(runDir)) {
      Path newest =
          checkpoints
              .filter(p -> p.getFileName().toString().startsWith("checkpoint-"))
              .sorted()
              .toList()
              .getLast();
      assertTrue(
          Files.size(newest.resolve(CheckpointStore.TRAINING_PARAMETERS)) > 0,
          "the class matrix is checkpointed");
    }
  }

  @Test
  void cosFaceTrainsA128dHeadAndKeepsTheClassMatrixOutOfTheBundle() throws Exception {
    ModelBundle bundle =
        train(
            SmokeRuns.config(
                Objectives.COSFACE,
                Architecture.RESNET18,
                Mining.RANDOM,
                PairSource.SAMPLED,
                2,
                6));
    assertEquals(Objective.MARGIN_SOFTMAX, bundle.metadata().spec().objective());
    Map<String, Object> h = bundle.metadata().training().hyperparameters();
    assertEquals("cosface", h.get("objective"));
    assertEquals(0.35, ((Number) h.get("margin")).doubleValue(), 1e-6);
    assertEquals("LFW peopleDevTrain only (no outside data)", h.get("trainingData"));
    embedsUnitVectors(bundle, 128);
    leavesTrainingParametersOutOfTheBundle(bundle, runDir);
  }

  @Test
  void arcFaceWithBatchHardTriplets() throws Exception {
    TrainConfig config =
        SmokeRuns.builder(Objectives.ARCFACE, 2, 6)
            .set(MarginSoftmaxObjective.TRIPLET_WEIGHT, 1f)
            .build();
    ModelBundle bundle = train(config);
    assertEquals("arcface", bundle.metadata().training().hyperparameters().get("objective"));
    assertEquals(
        1.0,
        ((Number) bundle.metadata().training().hyperparameters().get("tripletWeight"))
            .doubleValue());
    embedsUnitVectors(bundle, 128);
  }

  /** A teacher that needs no weights: the grey 32x32 pixels of each face. */
  private static Embedder pixelTeacher() {
    return new PixelEmbedder(new Preprocessing(CropBox.SEED, ColorMode.GREY, 32));
  }

  private static TrainConfig.Builder distillFrom(Embedder teacher) {
    return SmokeRuns.builder(Objectives.DISTILL, 2, 6)
        .set(DistillObjective.TEACHER, teacher.modelId())
        .set(DistillObjective.TEACHER_DATA, "raw pixels, not trained");
  }

  @Test
  void distillationFromAPixelTeacherStoresTheTeachersVectorsOnce() throws Exception {
    try (Embedder teacher = pixelTeacher()) {
      TrainConfig config = distillFrom(teacher).set(DistillObjective.IDENTITY_WEIGHT, 0.5f).build();
      ModelBundle bundle = train(config, SmokeRuns.plan(cache, runDir, false).withTeacher(teacher));
      assertEquals(Objective.DISTILL, bundle.metadata().spec().objective());
      Map<String, Object> h = bundle.metadata().training().hyperparameters();
      assertEquals(teacher.modelId(), h.get("teacher"));
      assertEquals(
          "LFW peopleDevTrain + teacher " + teacher.modelId() + " (raw pixels, not trained)",
          h.get("trainingData"));
      assertEquals(1024L, h.get("teacherDimension"));
      assertEquals("gaussian-random", h.get("teacherProjection"));
      embedsUnitVectors(bundle, 128);
      leavesTrainingParametersOutOfTheBundle(bundle, runDir);

      Path stored = TeacherEmbeddings.fileIn(cache, teacher.modelId());
      TeacherEmbeddings vectors = TeacherEmbeddings.read(stored).orElseThrow();
      assertTrue(vectors.size() >= 40, "every training and validation image: " + vectors.size());
      long written = Files.getLastModifiedTime(stored).toMillis();
      Path second = runDir.resolveSibling(runDir.getFileName() + "-again");
      train(config, SmokeRuns.plan(cache, second, false).withTeacher(teacher));
      assertEquals(
          written,
          Files.getLastModifiedTime(stored).toMillis(),
          "a second run reuses the stored vectors");
    }
  }

  /**
   * Mirror-centred targets: the teacher also embeds every crop's mirror image, once, into a file of
   * its own, and the run records the form.
   */
  @Test
  void mirrorCentredDistillationStoresTheTeachersVectorsOfTheMirrorImages() throws Exception {
    try (Embedder teacher = pixelTeacher()) {
      TrainConfig config =
          distillFrom(teacher)
              .set(DistillObjective.TEACHER_TARGETS, TargetForm.MIRROR_CENTRED)
              .build();
      ModelBundle bundle = train(config, SmokeRuns.plan(cache, runDir, false).withTeacher(teacher));
      assertEquals(
          "mirror-centred", bundle.metadata().training().hyperparameters().get("teacherTargets"));
      embedsUnitVectors(bundle, 128);

      TeacherEmbeddings mirrored =
          TeacherEmbeddings.read(TeacherEmbeddings.fileIn(cache, teacher.modelId() + "@mirrored"))
              .orElseThrow();
      assertTrue(mirrored.size() >= 40, "every training and validation image: " + mirrored.size());
      try (CachedCrops crops =
          teacher.cachedCrops(
              new CropCache(cache),
              LfwDataset.open(LfwTestData.root())
                  .withIdentities(Set.of(SmokeRuns.PEOPLE.getFirst())))) {
        float[] stored = mirrored.vector(crops.image(0).key()).orElseThrow();
        float[] computed = teacher.embed(List.of(crops.crop(0).mirrored()))[0];
        assertArrayEquals(computed, stored, 1e-6f, "the stored vector is the mirror image's");
      }
    }
  }

  /**
   * Mixup: part of each batch is blends whose targets the teacher computes on the spot, the rest
   * views as before (with the identity loss on them alone); the run records the share.
   */
  @Test
  void distillationWithTeacherMixupTrainsAndRecordsTheShare() throws Exception {
    try (Embedder teacher = pixelTeacher()) {
      TrainConfig config =
          distillFrom(teacher)
              .set(DistillObjective.TEACHER_TARGETS, TargetForm.MIRROR_CENTRED)
              .set(DistillObjective.TEACHER_VIEWS, 1)
              .set(DistillObjective.TEACHER_MIXUP, 0.5f)
              .set(DistillObjective.IDENTITY_WEIGHT, 0.5f)
              .build();
      ModelBundle bundle = train(config, SmokeRuns.plan(cache, runDir, false).withTeacher(teacher));
      assertEquals(
          0.5,
          ((Number) bundle.metadata().training().hyperparameters().get("teacherMixup"))
              .doubleValue());
      embedsUnitVectors(bundle, 128);
    }
  }

  /**
   * Teacher views: the teacher embeds each training crop's augmented views once (not the validation
   * crops': validation compares faces as they are), each view's vector is of exactly the image the
   * student is shown in that view, and the run records how many views it had.
   */
  @Test
  void distillationWithTeacherViewsStoresTheTeachersVectorsOfEachTrainingView() throws Exception {
    try (Embedder teacher = pixelTeacher()) {
      TrainConfig config =
          distillFrom(teacher)
              .set(DistillObjective.TEACHER_TARGETS, TargetForm.MIRROR_CENTRED)
              .set(DistillObjective.TEACHER_VIEWS, 2)
              .build();
      ModelBundle bundle = train(config, SmokeRuns.plan(cache, runDir, false).withTeacher(teacher));
      assertEquals(2L, bundle.metadata().training().hyperparameters().get("teacherViews"));
      embedsUnitVectors(bundle, 128);

      TeacherEmbeddings asTheyAre =
          TeacherEmbeddings.read(TeacherEmbeddings.fileIn(cache, teacher.modelId())).orElseThrow();
      try (CachedCrops crops =
          teacher.cachedCrops(
              new CropCache(cache),
              LfwDataset.open(LfwTestData.root()).withIdentities(Set.copyOf(SmokeRuns.PEOPLE)))) {
        for (int view = 1; view <= 2; view++) {
          TeacherEmbeddings stored =
              TeacherEmbeddings.read(
                      TeacherEmbeddings.fileIn(
                          cache, TeacherViews.storedId(teacher.modelId(), view)))
                  .orElseThrow();
          assertTrue(
              stored.size() > 0 && stored.size() < asTheyAre.size(),
              "training crops only: " + stored.size() + " of " + asTheyAre.size());
          int checked = 0;
          for (int i = 0; i < crops.size() && checked < 3; i++) {
            String key = crops.image(i).key();
            if (stored.vector(key).isPresent()) {
              float[] computed =
                  teacher.embed(List.of(TeacherViews.view(crops.crop(i), key, view)))[0];
              assertArrayEquals(
                  computed, stored.vector(key).get(), 1e-6f, "view " + view + " of " + key);
              checked++;
            }
          }
          assertEquals(3, checked);
        }
      }
    }
  }

  @Test
  void distillationWithoutATeacherIsRefusedBeforeTraining() {
    TrainConfig config =
        SmokeRuns.builder(Objectives.DISTILL, 2, 6)
            .set(DistillObjective.TEACHER, "pixels-32-grey")
            .build();
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> TrainingRun.run(config, SmokeRuns.plan(cache, runDir, false)));
    assertEquals("the distill objective needs the teacher model", e.getMessage());
    assertEquals(
        java.util.List.of(org.facesearch.trainer.TrainingSetting.TEACHER),
        ((org.facesearch.data.setting.InvalidSettingException) e).settings());
  }
}
