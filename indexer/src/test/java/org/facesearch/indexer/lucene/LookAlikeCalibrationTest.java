package org.facesearch.indexer.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.LookAlikeCalibration;
import org.facesearch.indexer.LookAlikeSearches;
import org.facesearch.indexer.NoLookAlikeFit;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The look-alike calibration a build fits on its own leave-one-out searches: LFW's 12 people with
 * at least 50 photos (1,560) under the raw-pixel model, a weak model whose nearest people are often
 * wrong, so both kinds of answer are plentiful.
 */
class LookAlikeCalibrationTest {
  @TempDir static Path shared;
  private static IndexRoot root;
  private static Build build;

  @BeforeAll
  static void buildTheMinFaces50Subset() {
    root = new IndexRoot(shared.resolve("index"));
    build =
        new IndexBuilder(root, TestModels.pixels(), new CropCache(shared.resolve("cache")))
            .build(new BuildSettings(LfwTestData.root(), 50, HnswParams.DEFAULT, "pixels-32-grey"));
  }

  @Test
  void theBuildStoresAFitOnEveryImageSearchingTheRestWithAQuarterHeldOut() {
    LookAlikeCalibration fit =
        BuildManifest.readFrom(Path.of(build.location())).lookAlikeCalibration().orElseThrow();

    assertEquals(fit, build.manifest().lookAlike(), "what was published is what is read back");
    assertTrue(fit.problem().isEmpty(), fit.problem().toString());
    assertEquals(64, fit.sha256().length());
    // 1,560 images, fewer than the sample's cap: every one searches; every 4th is held out.
    assertEquals(1560 * 3 / 4, fit.queries());
    assertEquals(1560 / 4, fit.heldOutQueries());
    assertEquals(LookAlikeSearches.TOP, fit.top());
    // Each search lists 5 of the other 11 people (12 people, each with 50+ photos).
    assertEquals(fit.queries() * LookAlikeSearches.TOP, fit.pairs());
    assertEquals(fit.heldOutQueries() * LookAlikeSearches.TOP, fit.heldOutPairs());
    assertTrue(fit.seconds() > 0);
    assertTrue(fit.rankOneAccuracy() > 0.2 && fit.rankOneAccuracy() < 1, fit.toString());
  }

  @Test
  void theProbabilityRisesWithTheScoreAndFallsWithTheRank() {
    LookAlikeCalibration fit = build.manifest().lookAlikeCalibration().orElseThrow();
    for (int rank = 1; rank <= LookAlikeSearches.TOP; rank++) {
      double previous = 0;
      for (int i = 0; i <= 100; i++) {
        double p = fit.probability(rank, i / 100.0);
        assertTrue(p >= previous, "rank " + rank + " falls at " + i / 100.0);
        previous = p;
      }
    }
    // Below a first answer with the same score, a later one is right only if the first is wrong.
    double typical = fit.evenOddsScore().orElseThrow();
    assertTrue(fit.probability(2, typical) < fit.probability(1, typical), fit.toString());
  }

  @Test
  void theFitIsCalibratedOnTheSearchesItWasNotFittedOn() {
    LookAlikeCalibration fit = build.manifest().lookAlikeCalibration().orElseThrow();
    // Measured 0.0xx on this gallery; a fit of another question (1:1 pairs) is off by far more.
    assertTrue(fit.expectedCalibrationError() < 0.05, fit.toString());
  }

  @Test
  void aFitEditedInBuildJsonFailsItsChecksumAndTheBuildStillLoads() throws IOException {
    Path copy = shared.resolve("edited");
    Files.createDirectories(copy);
    LookAlikeCalibration fit = build.manifest().lookAlikeCalibration().orElseThrow();
    String json = Files.readString(Path.of(build.location()).resolve(BuildManifest.FILE));
    String slope = Double.toString(fit.byRank().getFirst().slope());
    assertTrue(json.contains(slope), json);
    String doubled = Double.toString(2 * fit.byRank().getFirst().slope());
    Files.writeString(copy.resolve(BuildManifest.FILE), json.replace(slope, doubled));

    LookAlikeCalibration edited = BuildManifest.readFrom(copy).lookAlikeCalibration().orElseThrow();
    assertEquals(
        "it does not match its SHA-256 (damaged or edited)", edited.problem().orElseThrow());
  }

  @Test
  void aGalleryOfOnePersonHasNoFit(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    Build one =
        new IndexBuilder(
                new IndexRoot(dir.resolve("index")),
                TestModels.pixels(),
                new CropCache(shared.resolve("cache")))
            .build(new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey"));
    // Every first answer is right: nothing to tell right from wrong with.
    assertTrue(one.manifest().lookAlikeCalibration().isEmpty());
    assertEquals(
        Optional.of(NoLookAlikeFit.ONE_KIND_OF_ANSWER),
        BuildManifest.readFrom(Path.of(one.location())).noLookAlikeFit());
    assertFalse(one.manifest().predatesLookAlikes());
  }
}
