package org.facesearch.indexer.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.cache.CropCache;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.NoLookAlikeFit;
import org.facesearch.indexer.ReindexOutcome;
import org.facesearch.indexer.Reindexer;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ReindexerTest {
  private static final List<String> TWO_PEOPLE = List.of("Hugo_Chavez", "Serena_Williams");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path shared;
  private static CropCache cache;

  @BeforeAll
  static void createCache() {
    cache = new CropCache(shared.resolve("cache"));
  }

  private static BuildSettings settings(Path data) {
    return new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey");
  }

  @Test
  void reindexIsANoOpWhenNothingChanged(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), TWO_PEOPLE);
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    Reindexer reindexer = new Reindexer(root, TestModels.pixels(), cache);

    ReindexOutcome first = reindexer.reindex(settings(data), false, 3);
    ReindexOutcome second = reindexer.reindex(settings(data), false, 3);

    assertEquals("no index yet", assertInstanceOf(ReindexOutcome.Rebuilt.class, first).reason());
    ReindexOutcome.UpToDate upToDate = assertInstanceOf(ReindexOutcome.UpToDate.class, second);
    assertEquals(first.build().name(), upToDate.build().name());
    assertEquals(1, root.builds().size());
    assertEquals(first.build().name(), IndexFiles.currentPointer(root));
  }

  @Test
  void reindexRebuildsWhenTheModelChanges(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), TWO_PEOPLE);
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    Build old =
        new Reindexer(root, TestModels.pixels(), cache).reindex(settings(data), false, 3).build();

    ReindexOutcome outcome =
        new Reindexer(root, TestModels.otherPixels(), cache)
            .reindex(new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-24-grey"), false, 3);

    ReindexOutcome.Rebuilt rebuilt = assertInstanceOf(ReindexOutcome.Rebuilt.class, outcome);
    assertEquals("the model changed from pixels-32-grey to pixels-24-grey", rebuilt.reason());
    assertNotEquals(old.name(), rebuilt.build().name());
    assertEquals(rebuilt.build().name(), IndexFiles.currentPointer(root));
    assertEquals("pixels-24-grey", root.requireCurrent().manifest().modelId());
    assertEquals("pixels-24-grey", root.requireCurrent().manifest().modelSource());
    assertEquals(576, root.requireCurrent().manifest().dimension());
    assertEquals(
        "pixels-24-grey",
        IndexFiles.commitData(Path.of(root.requireCurrent().location()))
            .get(GalleryDocuments.MODEL_ID));
    assertEquals(2, root.builds().size());
  }

  @Test
  void reindexRebuildsWhenPhotosChangeOrWhenForced(@TempDir Path dir) throws IOException {
    Path data = TestGalleries.copy(dir.resolve("lfw"), TWO_PEOPLE);
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    Reindexer reindexer = new Reindexer(root, TestModels.pixels(), cache);
    int before = reindexer.reindex(settings(data), false, 3).build().manifest().images();

    Files.delete(data.resolve("images/Hugo_Chavez/Hugo_Chavez_0071.jpg"));
    ReindexOutcome changed = reindexer.reindex(settings(data), false, 3);
    ReindexOutcome forced = reindexer.reindex(settings(data), true, 3);

    assertEquals(
        "the LFW photos changed since the last build",
        assertInstanceOf(ReindexOutcome.Rebuilt.class, changed).reason());
    assertEquals(before - 1, changed.build().manifest().images());
    assertEquals(before - 1, IndexFiles.documents(Path.of(changed.build().location())));
    assertEquals("forced", assertInstanceOf(ReindexOutcome.Rebuilt.class, forced).reason());
    assertEquals(3, root.builds().size());
  }

  @Test
  void reindexRebuildsWhenHnswParametersChange(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    Reindexer reindexer = new Reindexer(root, TestModels.pixels(), cache);
    reindexer.reindex(settings(data), false, 3);

    ReindexOutcome outcome =
        reindexer.reindex(
            new BuildSettings(data, 1, new HnswParams(32, 200, false), "pixels-32-grey"), false, 3);

    assertTrue(
        assertInstanceOf(ReindexOutcome.Rebuilt.class, outcome)
            .reason()
            .startsWith("the HNSW parameters changed"));
    assertEquals(new HnswParams(32, 200, false), root.requireCurrent().manifest().hnsw());
  }

  @Test
  void keepsTheNewestBuildsAndNeverDeletesTheServingOne(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    Reindexer reindexer = new Reindexer(root, TestModels.pixels(), cache);
    for (int i = 0; i < 4; i++) {
      reindexer.reindex(settings(data), true, 10);
    }
    List<String> four = root.builds().stream().map(Build::name).toList();
    assertEquals(4, four.size());

    ReindexOutcome pruned = reindexer.reindex(settings(data), false, 2);

    assertInstanceOf(ReindexOutcome.UpToDate.class, pruned);
    assertEquals(four.subList(0, 2), pruned.pruned());
    assertEquals(four.subList(2, 4), root.builds().stream().map(Build::name).toList());
    assertEquals(four.get(3), IndexFiles.currentPointer(root));

    // Serve the older of the two, then keep only one: the newest stays, and so does the serving
    // one.
    root.switchCurrent(root.builds().getFirst());
    reindexer.reindex(settings(data), false, 1);
    assertEquals(four.subList(2, 4), root.builds().stream().map(Build::name).toList());
    assertEquals(four.get(2), IndexFiles.currentPointer(root));

    reindexer.reindex(settings(data), true, 1);
    assertEquals(1, root.builds().size());
    assertEquals(root.builds().getFirst().name(), IndexFiles.currentPointer(root));
    assertTrue(IndexFiles.temporaries(root).isEmpty());
  }

  @Test
  void plainReindexRebuildsABuildFromBeforeLookAlikeCalibrationsAndFitsOne(@TempDir Path dir)
      throws IOException {
    Path data = TestGalleries.copy(dir.resolve("lfw"), TWO_PEOPLE);
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    Reindexer reindexer = new Reindexer(root, TestModels.pixels(), cache);
    Build old = reindexer.reindex(settings(data), false, 3).build();
    // As a facesearch from before look-alike calibrations wrote it: neither key.
    Path manifest = Path.of(old.location()).resolve(BuildManifest.FILE);
    ObjectNode json = (ObjectNode) JSON.readTree(Files.readString(manifest));
    json.remove(List.of("lookAlike", "noLookAlike"));
    Files.writeString(manifest, JSON.writeValueAsString(json));
    assertTrue(root.requireCurrent().manifest().predatesLookAlikes());

    ReindexOutcome outcome = reindexer.reindex(settings(data), false, 3);

    ReindexOutcome.Rebuilt rebuilt = assertInstanceOf(ReindexOutcome.Rebuilt.class, outcome);
    assertEquals(
        "the serving build was made before facesearch fitted look-alike calibrations",
        rebuilt.reason());
    assertNotEquals(old.name(), rebuilt.build().name());
    assertTrue(root.requireCurrent().manifest().lookAlikeCalibration().isPresent());
    assertInstanceOf(
        ReindexOutcome.UpToDate.class,
        reindexer.reindex(settings(data), false, 3),
        "and the new build is up to date");
  }

  @Test
  void plainReindexLeavesABuildOfAGalleryTooSmallToFitOneAlone(@TempDir Path dir) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    Reindexer reindexer = new Reindexer(root, TestModels.pixels(), cache);
    Build first = reindexer.reindex(settings(data), false, 3).build();

    ReindexOutcome again = reindexer.reindex(settings(data), false, 3);

    assertTrue(first.manifest().lookAlikeCalibration().isEmpty());
    assertEquals(Optional.of(NoLookAlikeFit.ONE_KIND_OF_ANSWER), first.manifest().noLookAlikeFit());
    assertInstanceOf(ReindexOutcome.UpToDate.class, again);
    assertEquals(first.name(), again.build().name());
    assertEquals(1, root.builds().size());
  }

  @Test
  void keepMustBeAtLeastOne(@TempDir Path dir) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Reindexer(new IndexRoot(dir), TestModels.pixels(), cache)
                    .reindex(settings(dir), false, 0));
    // Library messages name no command-line flag; the CLI checks --keep itself.
    assertEquals("must keep at least 1 build (the serving one), got 0", e.getMessage());
  }
}
