package org.facesearch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build.json} as facesearch wrote it: the two files below are copied from real {@code
 * facesearch index} runs on all of LFW (the first before look-alike calibrations existed), so a
 * change to the manifest that stops old indexes from opening, or changes what a new build writes,
 * fails here. Builds now also write {@code noLookAlike}, why there is no fit (null beside one).
 */
class BuildManifestTest {
  static final String BEFORE_LOOK_ALIKES =
      """
      {
        "modelId" : "distill-f788fde2dcba",
        "modelSource" : "/work/runs/student96v",
        "dimension" : 128,
        "images" : 12937,
        "identities" : 5748,
        "seconds" : 167.316838718,
        "createdAt" : "2026-11-30T10:27:08.442177417Z",
        "dataRoot" : "/tmp/lfw-minus",
        "dataFingerprint" : "bedc8ae07d1aa43673795f26abaefa4219dfd5b6f9335b99fd4c6ae6fa5ea194",
        "minFaces" : 1,
        "hnsw" : {
          "maxConnections" : 16,
          "beamWidth" : 100,
          "quantized" : false
        }
      }""";

  static final String WITH_LOOK_ALIKES =
      """
      {
        "modelId" : "distill-f788fde2dcba",
        "modelSource" : "/work/wt-lookalike/models/default",
        "dimension" : 128,
        "images" : 13233,
        "identities" : 5749,
        "seconds" : 58.108620642,
        "createdAt" : "2026-11-30T10:43:34.053057968Z",
        "dataRoot" : "/work/shared/data/lfw",
        "dataFingerprint" : "0fe2cc13cf3bb3a990a9fe0c65d208be974eec48941cc95371f853b18208ebec",
        "minFaces" : 1,
        "hnsw" : {
          "maxConnections" : 16,
          "beamWidth" : 100,
          "quantized" : false
        },
        "lookAlike" : {
          "top" : 5,
          "byRank" : [ {
            "slope" : 18.75509210913523,
            "intercept" : -14.41137955400728
          }, {
            "slope" : 4.460561384468968,
            "intercept" : -7.4663894241038165
          } ],
          "queries" : 3000,
          "pairs" : 14152,
          "heldOutQueries" : 1000,
          "heldOutPairs" : 4729,
          "expectedCalibrationError" : 0.00641849061248734,
          "rankOneAccuracy" : 0.629,
          "seconds" : 3.54466356,
          "sha256" : "3b806c5628618017c9dc2e94a5884b32e9354fda9bcdcb0fc1531da78b077182"
        }
      }""";

  @Test
  void aBuildJsonFromBeforeLookAlikeCalibrationsStillReads(@TempDir Path build) throws IOException {
    Files.writeString(build.resolve(BuildManifest.FILE), BEFORE_LOOK_ALIKES);

    BuildManifest manifest = BuildManifest.readFrom(build);

    assertEquals("distill-f788fde2dcba", manifest.modelId());
    assertEquals(12937, manifest.images());
    assertEquals(5748, manifest.identities());
    assertEquals(Path.of("/tmp/lfw-minus"), manifest.dataRootPath());
    assertEquals(HnswParams.DEFAULT, manifest.hnsw());
    assertTrue(manifest.lookAlikeCalibration().isEmpty());
    assertTrue(manifest.noLookAlikeFit().isEmpty());
    assertTrue(manifest.predatesLookAlikes(), "so a reindex rebuilds it");
  }

  @Test
  void aStoredLookAlikeCalibrationStillReadsAndStillMatchesItsChecksum() {
    BuildManifest manifest = BuildManifest.fromJson(WITH_LOOK_ALIKES, "build.json");

    LookAlikeCalibration fit = manifest.lookAlikeCalibration().orElseThrow();
    assertTrue(fit.problem().isEmpty(), fit.problem().toString());
    assertEquals(3000, fit.queries());
    assertEquals(0.629, fit.rankOneAccuracy());
    assertEquals(2, fit.byRank().size());
    assertFalse(manifest.predatesLookAlikes());
  }

  @Test
  void aBuildOfAGalleryThatCannotFitOneSaysWhyAndDoesNotPredateThem() {
    String json =
        BEFORE_LOOK_ALIKES.substring(0, BEFORE_LOOK_ALIKES.length() - 2)
            + ",\n  \"lookAlike\" : null,\n  \"noLookAlike\" : \"ONE_KIND_OF_ANSWER\",\n"
            + "  \"gallery\" : \"MODEL\"\n}";

    BuildManifest manifest = BuildManifest.fromJson(json, "build.json");

    assertEquals(Optional.of(NoLookAlikeFit.ONE_KIND_OF_ANSWER), manifest.noLookAlikeFit());
    assertFalse(manifest.predatesLookAlikes(), "a reindex leaves it alone");
    assertEquals(json, manifest.toJson());
  }

  @Test
  void aManifestWithAFitAndAReasonForNoneIsRefused() {
    String both =
        WITH_LOOK_ALIKES.substring(0, WITH_LOOK_ALIKES.length() - 2)
            + ",\n  \"noLookAlike\" : \"TOO_FEW_SEARCHES\"\n}";

    InvalidIndexException e =
        assertThrows(InvalidIndexException.class, () -> BuildManifest.fromJson(both, "build.json"));
    assertTrue(e.getMessage().contains("or says why it has none"), e.getMessage());
  }

  @Test
  void theBuilderWritesTheJsonFacesearchWrote() {
    BuildManifest read = BuildManifest.fromJson(WITH_LOOK_ALIKES, "build.json");
    LookAlikeCalibration fit = read.lookAlike();
    BuildManifest built =
        BuildManifest.builder()
            .modelId("distill-f788fde2dcba")
            .modelSource("/work/wt-lookalike/models/default")
            .dimension(128)
            .images(13233)
            .identities(5749)
            .seconds(58.108620642)
            .createdAt("2026-11-30T10:43:34.053057968Z")
            .dataRoot("/work/shared/data/lfw")
            .dataFingerprint("0fe2cc13cf3bb3a990a9fe0c65d208be974eec48941cc95371f853b18208ebec")
            .minFaces(1)
            .hnsw(HnswParams.DEFAULT)
            .lookAlike(
                LookAlikeCalibration.builder()
                    .top(fit.top())
                    .byRank(fit.byRank())
                    .queries(fit.queries())
                    .pairs(fit.pairs())
                    .heldOutQueries(fit.heldOutQueries())
                    .heldOutPairs(fit.heldOutPairs())
                    .expectedCalibrationError(fit.expectedCalibrationError())
                    .rankOneAccuracy(fit.rankOneAccuracy())
                    .seconds(fit.seconds())
                    .build())
            .build();

    assertEquals(read, built);
    // The same JSON, with the keys every build now writes (null beside a fit; what embedded the
    // gallery, the model when an older manifest does not say).
    assertEquals(
        WITH_LOOK_ALIKES.substring(0, WITH_LOOK_ALIKES.length() - 2)
            + ",\n  \"noLookAlike\" : null,\n  \"gallery\" : \"MODEL\"\n}",
        built.toJson());
    assertEquals(read, read.toBuilder().build());
  }

  @Test
  void aManifestWithoutItsModelOrHnswParametersIsRefused() {
    BuildManifest.Builder complete =
        BuildManifest.fromJson(BEFORE_LOOK_ALIKES, "build.json").toBuilder();

    NullPointerException noModel =
        assertThrows(NullPointerException.class, () -> complete.modelId(null).build());
    assertEquals("modelId", noModel.getMessage());
    InvalidIndexException noHnsw =
        assertThrows(
            InvalidIndexException.class,
            () ->
                BuildManifest.fromJson(
                    BEFORE_LOOK_ALIKES.replaceAll(",\\s*\"hnsw\"[^}]*}", ""), "build.json"));
    assertTrue(noHnsw.getMessage().startsWith("malformed build.json: "), noHnsw.getMessage());
  }
}
