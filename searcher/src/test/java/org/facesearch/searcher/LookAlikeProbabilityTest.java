package org.facesearch.searcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.LookAlikeCalibration;
import org.facesearch.indexer.Reindexer;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The look-alike (1:N) probabilities a search reports, from the serving build's own calibration,
 * and what a search does with a build that has none (made before them) or a damaged one: it still
 * answers, and says why in one sentence. Five real LFW people under the raw-pixel model.
 */
class LookAlikeProbabilityTest {
  @TempDir static Path shared;
  private static Path data;
  private static LfwDataset gallery;
  private static IndexRoot root;
  private static IndexRoot old;
  private static IndexRoot damaged;
  private static FaceReader faces;

  @BeforeAll
  static void buildIndexAndAnOldAndADamagedCopy() throws IOException {
    data = TestGalleries.fivePeople(shared.resolve("lfw"));
    gallery = LfwDataset.open(data);
    root = new IndexRoot(shared.resolve("index"));
    Build build =
        new IndexBuilder(root, TestModels.pixels(), new CropCache(shared.resolve("cache")))
            .build(new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey"));
    LookAlikeCalibration fit = build.manifest().lookAlikeCalibration().orElseThrow();

    old = copy("old-index");
    Path oldManifest = Path.of(old.requireCurrent().location()).resolve(BuildManifest.FILE);
    // As an earlier facesearch wrote it: no lookAlike key at all.
    String withoutFit =
        build.manifest().toBuilder()
            .lookAlike(null)
            .build()
            .toJson()
            .replaceAll(",\\s*\"(lookAlike|noLookAlike)\"\\s*:\\s*null", "");
    Files.writeString(oldManifest, withoutFit);

    damaged = copy("damaged-index");
    Path damagedManifest = Path.of(damaged.requireCurrent().location()).resolve(BuildManifest.FILE);
    String slope = Double.toString(fit.byRank().getFirst().slope());
    Files.writeString(
        damagedManifest,
        Files.readString(damagedManifest)
            .replace(slope, Double.toString(2 * Double.parseDouble(slope))));

    faces = FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT);
  }

  private static IndexRoot copy(String name) throws IOException {
    Path target = shared.resolve(name);
    try (var files = Files.walk(root.dir())) {
      for (Path file : files.toList()) {
        Path to = target.resolve(root.dir().relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else if (!file.getFileName().toString().equals(".lock")) {
          Files.copy(file, to);
        }
      }
    }
    return new IndexRoot(target);
  }

  @AfterAll
  static void close() {
    faces.close();
  }

  private static Photo photo(String person, int number) {
    return Photo.read(gallery.image(person, number).path());
  }

  @Test
  void eachResultHasTheBuildsProbabilityForItsRankAndScore() {
    LookAlikeCalibration fit =
        root.requireCurrent().manifest().lookAlikeCalibration().orElseThrow();
    try (GallerySearcher searcher =
        new GallerySearcher(root, TestModels.pixels(), faces, OptionalDouble.empty())) {
      LookAlikeResult result =
          searcher.lookAlikes(photo("Hugo_Chavez", 5), new LookAlikeQuery(5, true, false));

      assertTrue(result.identification().unavailable().isEmpty());
      assertEquals(5, result.results().size());
      for (int i = 0; i < result.results().size(); i++) {
        LookAlike lookAlike = result.results().get(i);
        assertEquals(
            fit.probability(i + 1, lookAlike.score()),
            lookAlike.identification().orElseThrow(),
            1e-12);
      }
    }
  }

  @Test
  void aSearcherWorksOutEachBuildsIdentificationOnceAndANewBuildGetsItsOwn() throws IOException {
    IndexRoot swapped = copy("swapped-index");
    try (GallerySearcher searcher =
        new GallerySearcher(swapped, TestModels.pixels(), faces, OptionalDouble.empty())) {
      assertTrue(searcher.decidesOpenSet());
      LookAlikeResult first =
          searcher.lookAlikes(photo("Hugo_Chavez", 5), new LookAlikeQuery(3, true, true));
      LookAlikeResult second =
          searcher.lookAlikes(photo("Serena_Williams", 3), new LookAlikeQuery(3, true, false));
      LookAlikeResult third =
          searcher.lookAlikes(photo("John_Ashcroft", 2), new LookAlikeQuery(3, false, true));

      assertSame(first.identification(), second.identification());
      assertSame(first.identification(), third.identification());

      String before = searcher.build().name();
      new Reindexer(swapped, TestModels.pixels(), new CropCache(shared.resolve("cache")))
          .reindex(new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey"), true, 3);
      assertTrue(searcher.refresh());
      assertNotEquals(before, searcher.build().name());
      LookAlikeResult rebuilt =
          searcher.lookAlikes(photo("Hugo_Chavez", 5), new LookAlikeQuery(3, true, true));

      assertNotSame(first.identification(), rebuilt.identification());
      assertEquals(
          swapped.requireCurrent().manifest().lookAlikeCalibration(),
          rebuilt.identification().calibration());
    }
  }

  @Test
  void openSetDecidesWhereTheFirstAnswerHasEvenOddsUnlessAThresholdIsGiven() {
    double evenOdds =
        root.requireCurrent()
            .manifest()
            .lookAlikeCalibration()
            .orElseThrow()
            .evenOddsScore()
            .orElseThrow();
    Photo query = photo("Serena_Williams", 3);
    try (GallerySearcher byFit =
            new GallerySearcher(
                root, TestModels.pixels(), faces, OptionalDouble.empty(), OptionalDouble.of(0.99));
        GallerySearcher byUser =
            new GallerySearcher(
                root,
                TestModels.pixels(),
                faces,
                OptionalDouble.of(0.5),
                OptionalDouble.of(0.99))) {
      LookAlikeResult fitted = byFit.lookAlikes(query, new LookAlikeQuery(3, true, true));
      LookAlikeResult given = byUser.lookAlikes(query, new LookAlikeQuery(3, true, true));

      assertEquals(evenOdds, fitted.threshold().orElseThrow(), 1e-12);
      assertEquals(
          fitted.results().getFirst().identification().orElseThrow() < 0.5, fitted.unknown());
      assertEquals(0.5, given.threshold().orElseThrow());
    }
  }

  @Test
  void aBuildFromBeforeLookAlikeProbabilitiesStillAnswersAndSaysSoInOneSentence() {
    try (GallerySearcher searcher =
        new GallerySearcher(
            old, TestModels.pixels(), faces, OptionalDouble.empty(), OptionalDouble.of(0.9))) {
      LookAlikeResult result =
          searcher.lookAlikes(photo("Hugo_Chavez", 5), new LookAlikeQuery(3, false, true));

      assertEquals("Hugo_Chavez", result.results().getFirst().identity());
      assertTrue(result.results().stream().allMatch(r -> r.identification().isEmpty()));
      assertEquals(0.9, result.threshold().orElseThrow(), "the model's threshold, as before");
      Identification.Unavailable note = result.identification().unavailable().orElseThrow();
      assertEquals(Identification.Reason.BUILT_BEFORE_LOOK_ALIKES, note.reason());
      assertEquals(
          "index build "
              + old.requireCurrent().name()
              + " was made before facesearch fitted look-alike calibrations, so its results have"
              + " no look-alike probabilities (any probability shown is the model's 1:1"
              + " verification one, which overrates a face's nearest look-alikes)",
          note.message());
    }
  }

  @Test
  void aBuildOfAGalleryThatCannotFitOneSaysWhyAndThatItIsNotOld(@TempDir Path dir) {
    Path one = TestGalleries.copy(dir.resolve("lfw"), java.util.List.of("Serena_Williams"));
    IndexRoot small = new IndexRoot(dir.resolve("index"));
    new IndexBuilder(small, TestModels.pixels(), new CropCache(shared.resolve("cache")))
        .build(new BuildSettings(one, 1, HnswParams.DEFAULT, "pixels-32-grey"));
    try (GallerySearcher searcher =
        new GallerySearcher(small, TestModels.pixels(), faces, OptionalDouble.empty())) {
      LookAlikeResult result =
          searcher.lookAlikes(photo("Serena_Williams", 3), new LookAlikeQuery(1, false, false));

      Identification.Unavailable note = result.identification().unavailable().orElseThrow();
      assertEquals(Identification.Reason.GALLERY_CANNOT_FIT, note.reason());
      assertEquals(
          "index build "
              + small.requireCurrent().name()
              + " has no look-alike calibration: its leave-one-out searches found the right"
              + " person first every time or never (a gallery of one person, or of one photo"
              + " each), so its results have no look-alike probabilities (any probability shown"
              + " is the model's 1:1 verification one, which overrates a face's nearest"
              + " look-alikes)",
          note.message());
    }
  }

  @Test
  void openSetOnAnOldBuildNeedsTheModelsThreshold() {
    try (GallerySearcher searcher =
        new GallerySearcher(old, TestModels.pixels(), faces, OptionalDouble.empty())) {
      NoOpenSetThresholdException e =
          assertThrows(
              NoOpenSetThresholdException.class,
              () ->
                  searcher.lookAlikes(photo("Hugo_Chavez", 1), new LookAlikeQuery(3, false, true)));
      assertEquals(Optional.of(Identification.Reason.BUILT_BEFORE_LOOK_ALIKES), e.reason());
      assertEquals(
          "an open-set search needs the index's look-alike calibration or the model's verification"
              + " threshold, and index build "
              + old.requireCurrent().name()
              + " has no usable look-alike calibration while model pixels-32-grey has no"
              + " threshold (metrics.threshold in its model.json)",
          e.getMessage());
    }
  }

  @Test
  void aDamagedFitIsNotUsedAndTheSearchSaysWhy() {
    try (GallerySearcher searcher =
        new GallerySearcher(damaged, TestModels.pixels(), faces, OptionalDouble.empty())) {
      LookAlikeResult result =
          searcher.lookAlikes(photo("John_Ashcroft", 2), new LookAlikeQuery(3, false, false));

      assertEquals("John_Ashcroft", result.results().getFirst().identity());
      assertTrue(result.results().stream().allMatch(r -> r.identification().isEmpty()));
      assertEquals(
          new Identification.Unavailable(
              Identification.Reason.UNUSABLE,
              "the look-alike calibration stored with index build "
                  + damaged.requireCurrent().name()
                  + " cannot be used: it does not match its SHA-256 (damaged or edited); any"
                  + " probability shown is the model's 1:1 verification one instead"),
          result.identification().unavailable().orElseThrow());
    }
  }
}
