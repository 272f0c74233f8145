package org.facesearch.searcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.store.AlreadyClosedException;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.Enroller;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.PersonName;
import org.facesearch.indexer.ReindexOutcome;
import org.facesearch.indexer.Reindexer;
import org.facesearch.indexer.ServingGallery;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refreshing onto new builds and enrolments while queries run. */
class GallerySearcherSwapTest {
  @TempDir static Path shared;
  private static CropCache cache;
  private static Path data;
  private static FaceReader faces;

  @BeforeAll
  static void setUp() {
    cache = new CropCache(shared.resolve("cache"));
    data = TestGalleries.copy(shared.resolve("lfw"), List.of("Hugo_Chavez", "Serena_Williams"));
    faces = FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT);
  }

  @AfterAll
  static void tearDown() {
    faces.close();
  }

  private static BuildSettings settings() {
    return new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey");
  }

  private static Photo lfwPhoto(String person, int number) {
    return Photo.read(LfwDataset.open(LfwTestData.root()).image(person, number).path());
  }

  @Test
  void queriesRunningDuringRebuildsAndSwapsAllSucceed(@TempDir Path dir) throws Exception {
    IndexRoot root = new IndexRoot(dir);
    new IndexBuilder(root, TestModels.pixels(), cache).build(settings());
    Reindexer reindexer = new Reindexer(root, TestModels.pixels(), cache);
    Photo query = Photo.read(LfwDataset.open(data).image("Serena_Williams", 8).path());

    try (GallerySearcher searcher =
        new GallerySearcher(root, TestModels.pixels(), faces, OptionalDouble.empty())) {
      float[] embedding = new PhotoEmbedder(TestModels.pixels(), faces).embed(query).embedding();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger queries = new AtomicInteger();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      Set<String> buildsSeen = ConcurrentHashMap.newKeySet();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        workers.add(
            pool.submit(
                () -> {
                  while (running.get()) {
                    try {
                      List<LookAlike> results =
                          searcher.lookAlikes(
                              embedding, new LookAlikeQuery(2, false, false), Optional.empty());
                      if (!results.getFirst().identity().equals("Serena_Williams")) {
                        failures.add(new AssertionError("wrong best match " + results.getFirst()));
                      }
                      buildsSeen.add(searcher.build().name());
                      queries.incrementAndGet();
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  }
                }));
      }

      List<String> served = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ReindexOutcome outcome = reindexer.reindex(settings(), true, 2);
        assertTrue(searcher.refresh(), "a new build was served");
        served.add(outcome.build().name());
        assertEquals(outcome.build().name(), searcher.build().name());
        Thread.sleep(100);
      }
      new Enroller(root, TestModels.pixels(), faces)
          .enroll(new PersonName("Jean_C"), List.of(lfwPhoto("Jean_Chretien", 1)));
      assertTrue(searcher.refresh(), "the enrolment was picked up");
      assertFalse(searcher.refresh(), "nothing changed since");
      Thread.sleep(100);
      running.set(false);
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertEquals(List.of(), failures);
      assertTrue(queries.get() > 0);
      assertTrue(buildsSeen.size() > 1, "queries ran on several builds: " + buildsSeen);
      assertEquals(served.getLast(), searcher.build().name());
      assertEquals(root.requireCurrent().name(), searcher.build().name());
      List<LookAlike> enrolled =
          searcher.lookAlikes(
              new PhotoEmbedder(TestModels.pixels(), faces)
                  .embed(lfwPhoto("Jean_Chretien", 1))
                  .embedding(),
              new LookAlikeQuery(1, false, false),
              Optional.empty());
      assertEquals("Jean_C", enrolled.getFirst().identity());
      assertEquals(
          root.dir().resolve("enrolled/Jean_C/Jean_C_0001.jpg"), enrolled.getFirst().file());
    }
  }

  @Test
  void anEnrolledPersonIsFoundAfterRefresh(@TempDir Path dir) {
    IndexRoot root = new IndexRoot(dir);
    new IndexBuilder(root, TestModels.pixels(), cache).build(settings());
    try (GallerySearcher searcher =
        new GallerySearcher(root, TestModels.pixels(), faces, OptionalDouble.empty())) {
      Photo second = lfwPhoto("Jean_Chretien", 2);
      assertFalse(
          searcher.lookAlikes(second, new LookAlikeQuery(3, false, false)).results().stream()
              .anyMatch(r -> r.identity().equals("Jean_C")));

      new Enroller(root, TestModels.pixels(), faces)
          .enroll(new PersonName("Jean_C"), List.of(lfwPhoto("Jean_Chretien", 1), second));
      searcher.refresh();

      LookAlike best =
          searcher.lookAlikes(second, new LookAlikeQuery(3, false, false)).results().getFirst();
      assertEquals("Jean_C", best.identity());
      assertEquals("enrolled/Jean_C/Jean_C_0002.jpg", best.image());
    }
  }

  @Test
  void anOldBuildClosesOnlyWhenItsLastQueryReleasesIt(@TempDir Path dir) throws Exception {
    IndexRoot root = new IndexRoot(dir);
    new IndexBuilder(root, TestModels.pixels(), cache).build(settings());
    try (GallerySearcher searcher =
        new GallerySearcher(root, TestModels.pixels(), faces, OptionalDouble.empty())) {
      float[] embedding =
          new PhotoEmbedder(TestModels.pixels(), faces)
              .embed(lfwPhoto("Hugo_Chavez", 3))
              .embedding();
      ServingGallery.Snapshot inFlight = searcher.acquire();

      new IndexBuilder(root, TestModels.pixels(), cache).build(settings());
      assertTrue(searcher.refresh());

      // The query that started on the old build can still finish on it.
      assertFalse(inFlight.nearest(embedding, 5, Optional.empty()).isEmpty());
      searcher.release(inFlight);
      assertThrows(
          AlreadyClosedException.class, () -> inFlight.nearest(embedding, 5, Optional.empty()));
    }
  }
}
