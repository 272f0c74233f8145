package org.facesearch.trainer.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.data.protocol.Person;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.PixelEmbedder;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.features.LbpDescriptor;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.reference.ReferenceModel;
import org.facesearch.model.verify.ScoredPairs;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.eval.Verification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small fit on real, dlib-aligned LFW faces: 60 peopleDevTrain people with 4 to 10 photos, the
 * first 100 pairs of each protocol file, a coarse descriptor. Small enough for a test (about a
 * minute, most of it aligning the photos), large enough that a learned projection must beat the raw
 * pixels of the very same crops.
 */
class FeatureModelTrainerTest {
  private static final LbpDescriptor COARSE = new LbpDescriptor(8, 8, List.of(96, 48));

  @TempDir static Path cache;
  @TempDir static Path out;

  private static Optional<FaceAlignment> aligner;
  private static TrainingData data;
  private static FeatureModel model;
  private static final List<String> stages = new ArrayList<>();
  private static final List<String> candidates = new ArrayList<>();

  @BeforeAll
  static void fit() throws Exception {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    List<String> people =
        PeopleFile.read(lfw.protocolFile(TrainingData.TRAIN_PEOPLE)).people().stream()
            .filter(p -> p.images() >= 4 && p.images() <= 10)
            .map(Person::name)
            .limit(60)
            .toList();
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    aligner =
        ReferenceModel.openInputAlignment(
            InputAlignment.DLIB_LANDMARKS_68, TestAssets.store(), runtime);
    FeatureTrainingSettings settings =
        FeatureTrainingSettings.defaults()
            .withDescriptor(COARSE)
            .withSizes(List.of(40, 80), List.of(20, 40))
            .withValidation(0.25, 200);
    data =
        TrainingData.load(
            lfw,
            new CropCache(cache),
            FeatureModelTrainer.preprocessing(COARSE),
            aligner,
            TrainingPeople.DEV_TRAIN,
            Optional.of(people),
            settings.validationFraction(),
            settings.validationPairs(),
            200,
            settings.seed());
    FeatureTrainingListener listener =
        new FeatureTrainingListener() {
          @Override
          public void stage(String description) {
            stages.add(description);
          }

          @Override
          public void candidate(int pcaDim, int outputDim, double auc, double accuracy) {
            candidates.add(pcaDim + "/" + outputDim);
          }
        };
    model =
        new FeatureModelTrainer(settings, listener)
            .train(data, InputAlignment.DLIB_LANDMARKS_68, out.resolve("model"));
  }

  @AfterAll
  static void close() {
    if (data != null) {
      data.close();
    }
    aligner.ifPresent(FaceAlignment::close);
  }

  @Test
  void theLearnedProjectionBeatsTheRawPixelsOfTheSameCropsOnUnseenPeople() {
    double learned = model.training().metrics().get("view1Accuracy");
    double pixels;
    try (Embedder raw = new PixelEmbedder(FeatureModelTrainer.preprocessing(COARSE))) {
      Verification verification = new Verification(raw, data.crops());
      ScoredPairs threshold = verification.score(data.thresholdPairs());
      ScoredPairs test = verification.score(data.testPairs());
      pixels = test.accuracyAt(threshold.bestThreshold().threshold());
    }
    assertTrue(
        learned > pixels + 0.05,
        "View 1 on the first 200 pairsDevTest pairs: learned " + learned + ", pixels " + pixels);
  }

  @Test
  void theWrittenModelReproducesItsRecordedView1AccuracyWhenReadBack() {
    FeatureModel read = FeatureModel.open(model.directory());
    Map<String, Double> metrics = read.training().metrics();
    try (Embedder embedder =
        FeatureModel.embedder(
            "reread", read.descriptor(), read.projection(), read.testTimeFlip())) {
      Verification verification = new Verification(embedder, data.crops());
      double threshold = metrics.get("threshold");
      assertEquals(
          metrics.get("view1Accuracy"),
          verification.score(data.testPairs()).accuracyAt(threshold),
          1e-12);
    }
    assertEquals(InputAlignment.DLIB_LANDMARKS_68, read.alignment());
    Map<String, Object> hyper = read.training().hyperparameters();
    assertEquals("peopleDevTrain.txt", hyper.get("trainingPeopleSource"));
    assertTrue(((String) hyper.get("trainingData")).startsWith("LFW peopleDevTrain only"));
    assertTrue(List.of(20L, 40L).contains(hyper.get("outputDim")), hyper.toString());
    assertEquals(read.embeddingDim(), ((Long) hyper.get("outputDim")).intValue());
  }

  @Test
  void everyCandidateSizeIsJudgedOnTheValidationPeopleAndEachStageReported() {
    // 20 and 40 outputs from PCA 40 and from PCA 80: output sizes above the PCA size are skipped.
    assertEquals(List.of("40/20", "40/40", "80/20", "80/40"), candidates);
    assertTrue(stages.get(0).startsWith("randomised PCA of "), stages.toString());
  }

  @Test
  void withoutIdentitiesTheModelIsTheWhitenedPcaAndStillBeatsThePixelsOnUnseenPeople()
      throws Exception {
    List<String> judged = new ArrayList<>();
    FeatureTrainingSettings unsupervised =
        FeatureTrainingSettings.defaults()
            .withDescriptor(COARSE)
            .withSizes(List.of(40, 80), List.of(20))
            .withValidation(0.25, 200)
            .withoutIdentities();
    FeatureModel unlabelled =
        new FeatureModelTrainer(
                unsupervised,
                new FeatureTrainingListener() {
                  @Override
                  public void candidate(int pcaDim, int outputDim, double auc, double accuracy) {
                    judged.add(pcaDim + "/" + outputDim);
                  }
                })
            .train(data, InputAlignment.DLIB_LANDMARKS_68, out.resolve("unsupervised"));
    // Each PCA size is its own output: the output sizes asked for do not apply without names.
    assertEquals(List.of("40/40", "80/80"), judged);
    Map<String, Object> hyper = unlabelled.training().hyperparameters();
    assertEquals(hyper.get("pcaDim"), hyper.get("outputDim"));
    assertTrue(((String) hyper.get("supervision")).startsWith("none"), hyper.toString());
    assertTrue(
        ((String) hyper.get("trainingData")).contains("without their people's names"),
        hyper.toString());
    double pixels;
    try (Embedder raw = new PixelEmbedder(FeatureModelTrainer.preprocessing(COARSE))) {
      Verification verification = new Verification(raw, data.crops());
      pixels =
          verification
              .score(data.testPairs())
              .accuracyAt(verification.score(data.thresholdPairs()).bestThreshold().threshold());
    }
    double learned = unlabelled.training().metrics().get("view1Accuracy");
    assertTrue(learned > pixels + 0.05, "View 1: whitened PCA " + learned + ", pixels " + pixels);
  }

  @Test
  void askingForMorePcaDimensionsThanTheRowsAllowIsRefusedInOneSentence() {
    FeatureTrainingSettings tooMany =
        FeatureTrainingSettings.defaults()
            .withDescriptor(COARSE)
            .withSizes(List.of(4000), List.of(20));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new FeatureModelTrainer(tooMany, new FeatureTrainingListener() {})
                    .train(data, InputAlignment.DLIB_LANDMARKS_68, out.resolve("too-many")));
    assertTrue(e.getMessage().endsWith("ask for fewer dimensions"), e.getMessage());
  }
}
