package org.facesearch.indexer.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.InvalidImageException;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.GallerySource;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.IndexBusyException;
import org.facesearch.indexer.IndexLock;
import org.facesearch.indexer.IndexedImage;
import org.facesearch.indexer.InvalidIndexException;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.testing.BuildProcess;
import org.facesearch.indexer.testing.FailingEmbedder;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.facesearch.model.PixelEmbedder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBuilderTest {
  private static final List<String> TWO_PEOPLE = List.of("Hugo_Chavez", "Serena_Williams");

  @TempDir static Path shared;
  private static CropCache cache;
  private static Path twoPeople;

  @BeforeAll
  static void copyData() {
    cache = new CropCache(shared.resolve("cache"));
    twoPeople = TestGalleries.copy(shared.resolve("lfw"), TWO_PEOPLE);
  }

  private static BuildSettings settings(Path data) {
    return new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey");
  }

  @Test
  void indexOfTheMinFaces50SubsetHoldsOneDocumentPerImage(@TempDir Path dir) {
    Path lfw = LfwTestData.root();
    IndexRoot root = new IndexRoot(dir);
    Build build =
        new IndexBuilder(root, TestModels.pixels(), cache)
            .build(new BuildSettings(lfw, 50, HnswParams.DEFAULT, "pixels-32-grey"));

    // LFW's documented figures for people with >= 50 photos: 12 people, 1,560 photos.
    assertEquals(1560, IndexFiles.documents(Path.of(build.location())));
    assertEquals(1560, build.manifest().images());
    assertEquals(12, build.manifest().identities());
    LfwDataset subset = LfwDataset.open(lfw).subset(50);
    Set<String> expected =
        subset.images().stream()
            .map(f -> lfw.relativize(f.path()).toString())
            .collect(Collectors.toSet());
    List<IndexedImage> indexed = IndexFiles.images(Path.of(build.location()));
    assertEquals(expected, indexed.stream().map(IndexedImage::image).collect(Collectors.toSet()));
    assertTrue(
        indexed.stream()
            .allMatch(i -> i.source() == GallerySource.LFW && i.sha256().length() == 64));

    assertEquals(build.name(), IndexFiles.currentPointer(root));
    assertEquals(build.name(), root.requireCurrent().name());
    assertTrue(build.name().endsWith("-pixels-32-grey"), build.name());
    assertEquals("pixels-32-grey", build.manifest().modelSource());
    assertEquals(
        "pixels-32-grey",
        IndexFiles.commitData(Path.of(build.location())).get(GalleryDocuments.MODEL_ID));
    BuildManifest manifest = root.requireCurrent().manifest();
    assertEquals("pixels-32-grey", manifest.modelId());
    assertEquals(1024, manifest.dimension());
    assertEquals(lfw.toString(), manifest.dataRoot());
    assertEquals(50, manifest.minFaces());
    assertEquals(HnswParams.DEFAULT, manifest.hnsw());
    assertTrue(IndexFiles.temporaries(root).isEmpty());
  }

  @Test
  void aGalleryImageFindsItselfFirstWithItsIdentity(@TempDir Path dir) {
    PixelEmbedder embedder = TestModels.pixels();
    Build build = new IndexBuilder(new IndexRoot(dir), embedder, cache).build(settings(twoPeople));
    LfwDataset dataset = LfwDataset.open(twoPeople);
    for (FaceImage face :
        List.of(dataset.image("Hugo_Chavez", 7), dataset.image("Serena_Williams", 30))) {
      List<Neighbour> hits =
          IndexFiles.nearest(Path.of(build.location()), embedder, face.path(), 5);
      assertEquals(
          "images/" + face.identity() + "/" + face.fileName(), hits.getFirst().image().image());
      assertEquals(face.identity(), hits.getFirst().image().identity());
      assertEquals(1.0, hits.getFirst().score(), 1e-4);
      assertTrue(hits.get(1).score() < hits.getFirst().score());
    }
  }

  @Test
  void quantizedAndPlainBuildsUseTheirVectorFormatsAndScoreExactly(@TempDir Path dir) {
    PixelEmbedder embedder = TestModels.pixels();
    IndexRoot root = new IndexRoot(dir);
    Build plain = new IndexBuilder(root, embedder, cache).build(settings(twoPeople));
    Build quantized =
        new IndexBuilder(root, embedder, cache)
            .build(new BuildSettings(twoPeople, 1, new HnswParams(8, 50, true), "pixels-32-grey"));

    assertEquals("Lucene99HnswVectorsFormat", IndexFiles.vectorFormat(Path.of(plain.location())));
    // Lucene registers its 8-bit scalar-quantised HNSW format under this (historical) name.
    assertEquals(
        "Lucene104HnswBinaryQuantizedVectorsFormat",
        IndexFiles.vectorFormat(Path.of(quantized.location())));
    assertEquals(new HnswParams(8, 50, true), root.requireCurrent().manifest().hnsw());
    Path photo = LfwDataset.open(twoPeople).image("Serena_Williams", 3).path();
    List<Neighbour> fromPlain = IndexFiles.nearest(Path.of(plain.location()), embedder, photo, 10);
    List<Neighbour> fromQuantized =
        IndexFiles.nearest(Path.of(quantized.location()), embedder, photo, 10);
    assertEquals(fromPlain.getFirst().image(), fromQuantized.getFirst().image());
    // Rescoring at full precision: the same image gets the same score whatever the format.
    assertEquals(fromPlain.getFirst().score(), fromQuantized.getFirst().score(), 1e-5);
  }

  @Test
  void aModelFailingMidBuildLeavesThePreviousBuildServing(@TempDir Path dir) {
    IndexRoot root = new IndexRoot(dir);
    Build first = new IndexBuilder(root, TestModels.pixels(), cache).build(settings(twoPeople));

    FailingEmbedder failing = new FailingEmbedder(TestModels.otherPixels(), 2, 0);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new IndexBuilder(root, failing, cache).build(settings(twoPeople)));

    assertTrue(e.getMessage().contains("simulated model failure"), e.getMessage());
    assertEquals(first.name(), IndexFiles.currentPointer(root));
    assertEquals(List.of(first.name()), root.builds().stream().map(Build::name).toList());
    assertTrue(IndexFiles.temporaries(root).isEmpty(), "the failed build's folder was removed");
    assertEquals(123, IndexFiles.documents(Path.of(root.requireCurrent().location())));
  }

  @Test
  void aBuildProcessKilledMidwayLeavesThePreviousBuildServing(@TempDir Path dir) throws Exception {
    IndexRoot root = new IndexRoot(dir);
    Build first = new IndexBuilder(root, TestModels.pixels(), cache).build(settings(twoPeople));

    Path log = dir.resolveSibling(dir.getFileName() + "-child.log");
    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                BuildProcess.class.getName(),
                dir.toString(),
                twoPeople.toString(),
                cache.dir().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (IndexFiles.temporaries(root).isEmpty()) {
        assertTrue(child.isAlive(), () -> "the build process ended early: " + readQuietly(log));
        assertTrue(System.nanoTime() < deadline, "the build process never started writing");
        Thread.sleep(20);
      }
      Thread.sleep(600); // a couple of slowed-down batches into the build
      assertTrue(child.isAlive(), "the build must still be running when it is killed");
    } finally {
      child.destroyForcibly().waitFor();
    }

    assertEquals(first.name(), IndexFiles.currentPointer(root));
    assertEquals(first.name(), root.requireCurrent().name());
    assertEquals(List.of(first.name()), root.builds().stream().map(Build::name).toList());
    assertEquals(123, IndexFiles.documents(Path.of(root.requireCurrent().location())));
    assertTrue(
        !IndexFiles.temporaries(root).isEmpty(), "the killed build left its temporary folder");

    Build next = new IndexBuilder(root, TestModels.pixels(), cache).build(settings(twoPeople));
    assertNotEquals(first.name(), next.name());
    assertTrue(IndexFiles.temporaries(root).isEmpty(), "the next build removed the stale folder");
  }

  @Test
  void aGalleryFileThatIsNotAnImageFailsNamingItAndChangesNothing(@TempDir Path dir)
      throws IOException {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Serena_Williams"));
    Path broken = data.resolve("images/Serena_Williams/Serena_Williams_0010.jpg");
    Files.writeString(broken, "this is not a JPEG", StandardCharsets.UTF_8);
    IndexRoot root = new IndexRoot(dir.resolve("index"));

    InvalidImageException e =
        assertThrows(
            InvalidImageException.class,
            () -> new IndexBuilder(root, TestModels.pixels(), cache).build(settings(data)));

    assertTrue(e.getMessage().contains("Serena_Williams_0010.jpg"), e.getMessage());
    assertEquals(InvalidImageException.Reason.NOT_AN_IMAGE, e.reason());
    assertTrue(root.current().isEmpty());
    assertTrue(root.builds().isEmpty());
    assertTrue(IndexFiles.temporaries(root).isEmpty());
  }

  @Test
  @SuppressWarnings("try")
  void aSecondWriterIsTurnedAwayWhileTheIndexIsLocked(@TempDir Path dir) {
    IndexRoot root = new IndexRoot(dir);
    try (IndexLock held = root.lock()) {
      IndexBusyException e =
          assertThrows(
              IndexBusyException.class,
              () -> new IndexBuilder(root, TestModels.pixels(), cache).build(settings(twoPeople)));
      assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }
    assertTrue(root.current().isEmpty());
  }

  @Test
  void aCurrentPointerNamingAMissingBuildIsReportedClearly(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("CURRENT"), "20240101-000000-000-gone\n");
    InvalidIndexException e =
        assertThrows(InvalidIndexException.class, () -> new IndexRoot(dir).current());
    assertTrue(e.getMessage().contains("20240101-000000-000-gone"), e.getMessage());
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
