package org.facesearch.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.detect.DetectedFace;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.detect.FaceBox;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.Enroller;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.PersonName;
import org.facesearch.indexer.ReindexOutcome;
import org.facesearch.indexer.Reindexer;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.facesearch.model.PixelEmbedder;
import org.facesearch.searcher.GallerySearcher;
import org.facesearch.searcher.LookAlike;
import org.facesearch.searcher.LookAlikeQuery;
import org.facesearch.searcher.LookAlikeResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery on a real two-node SolrCloud (2 shards x 2 replicas, embedded ZooKeeper) started in a
 * child JVM exactly as {@code facesearch solr local} starts it, against the embedded Lucene index
 * built from the same real LFW photos by the same model. The node-failure test runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrGalleryTest {
  /** 25 people, 640 photos: the five large test galleries plus 20 people with 14-20 photos. */
  private static final List<String> PEOPLE =
      Stream.concat(
              TestGalleries.FIVE_PEOPLE.stream(),
              Stream.of(
                  "Abdullah_Gul",
                  "Andy_Roddick",
                  "Angelina_Jolie",
                  "Bill_Gates",
                  "Bill_Simon",
                  "Britney_Spears",
                  "Carlos_Moya",
                  "David_Nalbandian",
                  "Dick_Cheney",
                  "Dominique_de_Villepin",
                  "Eduardo_Duhalde",
                  "Fidel_Castro",
                  "Halle_Berry",
                  "Hillary_Clinton",
                  "Hu_Jintao",
                  "Igor_Ivanov",
                  "James_Blake",
                  "Jean_Charest",
                  "Jiang_Zemin",
                  "John_Bolton"))
          .toList();

  private static final double THRESHOLD = 0.93;

  @TempDir static Path shared;
  private static LocalSolrCloud cloud;
  private static SolrGallery solr;
  private static IndexRoot embedded;
  private static CropCache cache;
  private static Path data;
  private static LfwDataset lfw;
  private static FaceReader faces;

  @BeforeAll
  static void startCloudAndBuildBoth() {
    cloud =
        LocalSolrCloud.start(
            LocalSolrCloud.jar(), 2, shared.resolve("cloud"), Duration.ofMinutes(3));
    solr =
        SolrGallery.connect(
            cloud.address(), SolrGallery.DEFAULT_ALIAS, shared.resolve("solr-home"));
    solr.setup(new CollectionLayout(2, 2));
    cache = new CropCache(shared.resolve("cache"));
    data = TestGalleries.copy(shared.resolve("lfw"), PEOPLE);
    lfw = LfwDataset.open(data);
    embedded = new IndexRoot(shared.resolve("embedded"));
    new IndexBuilder(embedded, TestModels.pixels(), cache).build(settings());
    new IndexBuilder(solr, TestModels.pixels(), cache).build(settings());
    faces = FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT);
  }

  @AfterAll
  static void stopCloud() {
    if (faces != null) {
      faces.close();
    }
    if (solr != null) {
      solr.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  private static BuildSettings settings() {
    return new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey");
  }

  private static float[] embed(Path file) {
    PixelEmbedder model = TestModels.pixels();
    try {
      BufferedImage image = ImageIO.read(file.toFile());
      return model.embed(List.of(model.preprocessing().apply(image)))[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asks about an LFW photo as it is: LFW photos are already framed like the gallery, so face
   * detection (which misses a few of them) is not part of what these tests compare.
   */
  private static LookAlikeResult ask(GallerySearcher searcher, Path file, LookAlikeQuery query) {
    try {
      BufferedImage image = ImageIO.read(file.toFile());
      FramedFace framed =
          new FramedFace(
              image,
              DetectedFace.boxOnly(new FaceBox(0, 0, CropBox.FRAME, CropBox.FRAME)),
              // No detector ran; the pixel model here aligns nothing, so nothing reads the kind.
              DetectorKind.HAAR,
              image);
      return searcher.lookAlikes(Photo.read(file), framed, query);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GallerySearcher searcher(org.facesearch.indexer.GalleryIndex index) {
    return new GallerySearcher(index, TestModels.pixels(), faces, OptionalDouble.of(THRESHOLD));
  }

  @Test
  @Order(1)
  void theCollectionHoldsEveryImageBehindTheAliasAndRecallAtTenMatchesExactSearch() {
    Build build = solr.requireCurrent();
    assertEquals(lfw.images().size(), build.manifest().images());
    assertEquals(lfw.images().size(), solr.count(build.location()));
    assertEquals(Optional.of(build.location()), solr.aliasTarget());

    List<FaceImage> images = lfw.images();
    float[][] vectors = images.stream().map(i -> embed(i.path())).toArray(float[][]::new);
    int queries = 0;
    int found = 0;
    for (int q = 0; q < images.size(); q += 8) {
      float[] query = vectors[q];
      double[] dots = new double[images.size()];
      for (int j = 0; j < images.size(); j++) {
        double dot = 0;
        for (int d = 0; d < query.length; d++) {
          dot += query[d] * vectors[j][d];
        }
        dots[j] = dot;
      }
      Set<String> exact = new HashSet<>();
      IntStream.range(0, images.size())
          .boxed()
          .sorted(Comparator.comparingDouble(j -> -dots[j]))
          .limit(10)
          .forEach(j -> exact.add(data.relativize(images.get(j).path()).toString()));
      List<Neighbour> hits = solr.nearest(build.location(), query, 10, Optional.empty());
      assertEquals(10, hits.size());
      for (Neighbour hit : hits) {
        if (exact.contains(hit.image().image())) {
          found++;
        }
      }
      queries++;
    }
    double recall = found / (10.0 * queries);
    assertTrue(recall >= 0.99, "recall@10 vs exact search was " + recall + " over " + queries);
  }

  @Test
  @Order(2)
  void lookAlikesAndOpenSetAnswersAreTheEmbeddedIndexs() {
    try (GallerySearcher onSolr = searcher(solr);
        GallerySearcher onLucene = searcher(embedded)) {
      int unknown = 0;
      for (String person : PEOPLE) {
        for (int n : new int[] {1, 7}) {
          Path photo = lfw.image(person, n).path();
          for (LookAlikeQuery query :
              List.of(new LookAlikeQuery(5, false, true), new LookAlikeQuery(5, true, true))) {
            LookAlikeResult fromSolr = ask(onSolr, photo, query);
            LookAlikeResult fromLucene = ask(onLucene, photo, query);
            List<String> solrPeople = fromSolr.results().stream().map(LookAlike::identity).toList();
            assertEquals(
                fromLucene.results().stream().map(LookAlike::identity).toList(),
                solrPeople,
                person + " " + n + " " + query);
            for (int i = 0; i < solrPeople.size(); i++) {
              assertEquals(
                  fromLucene.results().get(i).score(), fromSolr.results().get(i).score(), 1e-4);
              assertEquals(fromLucene.results().get(i).file(), fromSolr.results().get(i).file());
            }
            assertEquals(fromLucene.match(), fromSolr.match());
            unknown += fromSolr.unknown() ? 1 : 0;
          }
        }
      }
      // The threshold is strict enough that both answers, "unknown" and a match, were compared.
      assertTrue(unknown > 0 && unknown < PEOPLE.size() * 4, "unknown answers: " + unknown);
    }
  }

  @Test
  @Order(3)
  void anEnrolledPersonIsFoundAndSurvivesTheNextBuild() {
    Photo first = Photo.read(lfw.image("Angelina_Jolie", 2).path());
    Photo second = Photo.read(lfw.image("Angelina_Jolie", 3).path());
    Build before = solr.requireCurrent();
    new Enroller(solr, TestModels.pixels(), faces)
        .enroll(new PersonName("Angie_J"), List.of(first, second));
    assertEquals(before.manifest().images() + 2, solr.count(before.location()));
    try (GallerySearcher onSolr = searcher(solr)) {
      LookAlikeResult result = onSolr.lookAlikes(first, new LookAlikeQuery(3, false, false));
      assertEquals("Angie_J", result.results().getFirst().identity());
      assertTrue(Files.isRegularFile(result.results().getFirst().file()));
    }
    ReindexOutcome rebuilt =
        new Reindexer(solr, TestModels.pixels(), cache).reindex(settings(), true, 3);
    assertEquals(before.manifest().images() + 2, solr.count(rebuilt.build().location()));
  }

  @Test
  @Order(4)
  void threeReindexesUnderSteadyQueriesFailNone() throws Exception {
    List<Path> photos = PEOPLE.stream().limit(8).map(p -> lfw.image(p, 2).path()).toList();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    Set<String> servedBuilds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (GallerySearcher onSolr = searcher(solr)) {
      Thread refresher =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (running.get()) {
                      try {
                        onSolr.refresh();
                        Thread.sleep(100);
                      } catch (InterruptedException e) {
                        return;
                      } catch (RuntimeException e) {
                        failures.add(e);
                      }
                    }
                  });
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        int offset = c;
        clients.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = offset; running.get(); i++) {
                        try {
                          LookAlikeResult result =
                              ask(
                                  onSolr,
                                  photos.get(i % photos.size()),
                                  new LookAlikeQuery(3, false, false));
                          if (result.results().isEmpty()) {
                            failures.add(new AssertionError("empty answer"));
                          }
                          servedBuilds.add(onSolr.build().name());
                          answered.incrementAndGet();
                        } catch (RuntimeException e) {
                          failures.add(e);
                        }
                      }
                    }));
      }
      List<String> built = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        ReindexOutcome outcome =
            new Reindexer(solr, TestModels.pixels(), cache).reindex(settings(), true, 2);
        built.add(outcome.build().name());
        Thread.sleep(300);
      }
      running.set(false);
      for (Thread client : clients) {
        client.join();
      }
      refresher.join();
      assertEquals(List.of(), failures.stream().map(Throwable::toString).toList());
      assertTrue(answered.get() > 20, "only " + answered.get() + " queries were answered");
      assertEquals(built.getLast(), onSolr.build().name());
      assertTrue(servedBuilds.size() >= 2, "queries saw builds " + servedBuilds);
    }
    assertEquals(2, solr.builds().size());
    assertEquals(2, solr.ownCollections().size());
  }

  @Test
  @Order(5)
  void aBuildKilledMidwayLeavesTheAliasOnTheServingCollection() throws Exception {
    Build serving = solr.requireCurrent();
    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                SolrBuildProcess.class.getName(),
                cloud.address().toString(),
                solr.dir().toString(),
                data.toString(),
                cache.dir().toString())
            .redirectErrorStream(true)
            .redirectOutput(shared.resolve("killed-build.log").toFile())
            .start();
    Set<String> before = new HashSet<>(solr.ownCollections());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      // Wait until the child's collection exists and holds some images, then kill it.
      while (true) {
        assertTrue(child.isAlive(), () -> "the build ended early: " + log());
        assertTrue(System.nanoTime() < deadline, "the build never started writing");
        Optional<String> started =
            solr.ownCollections().stream().filter(c -> !before.contains(c)).findFirst();
        if (started.isPresent() && countQuietly(started.get()) > 0) {
          break;
        }
        Thread.sleep(100);
      }
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(serving.location(), solr.requireCurrent().location());
    assertEquals(before.size() + 1, solr.ownCollections().size());
    try (GallerySearcher onSolr = searcher(solr)) {
      assertEquals(serving.name(), onSolr.build().name());
      assertFalse(
          ask(onSolr, lfw.image("Hugo_Chavez", 3).path(), new LookAlikeQuery(3, false, false))
              .results()
              .isEmpty());
    }
    // The next build removes the killed one's collection (it has no manifest).
    Build next = new IndexBuilder(solr, TestModels.pixels(), cache).build(settings());
    assertNotEquals(serving.location(), next.location());
    Set<String> after = new HashSet<>(solr.ownCollections());
    after.removeAll(before);
    assertEquals(Set.of(next.location()), after);
  }

  private static long countQuietly(String collection) {
    try {
      return solr.count(collection);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static String log() {
    try {
      return Files.readString(shared.resolve("killed-build.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Test
  @Order(6)
  void aBadZooKeeperAddressIsOneSentenceNamingIt() {
    SolrUnavailableException e =
        assertThrows(
            SolrUnavailableException.class,
            () -> SolrGallery.connect(SolrAddress.parse("127.0.0.1:9"), "facesearch", shared));
    assertTrue(e.getMessage().contains("127.0.0.1:9"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertEquals(SolrUnavailableException.Reason.UNREACHABLE, e.reason());
    assertTrue(
        e.getMessage()
            .endsWith(
                "; check the SolrCloud address or FACESEARCH_SOLR, and that SolrCloud is running"),
        e.getMessage());
    IllegalArgumentException malformed =
        assertThrows(IllegalArgumentException.class, () -> SolrAddress.parse("http://solr:8983"));
    assertTrue(malformed.getMessage().contains("http://solr:8983"));
  }

  @Test
  @Order(7)
  void withOneOfTwoNodesStoppedEveryQueryIsStillAnswered() throws Exception {
    List<Path> photos = PEOPLE.stream().limit(6).map(p -> lfw.image(p, 4).path()).toList();
    try (GallerySearcher onSolr = searcher(solr)) {
      List<List<String>> healthy = new ArrayList<>();
      for (Path photo : photos) {
        healthy.add(
            ask(onSolr, photo, new LookAlikeQuery(3, false, false)).results().stream()
                .map(LookAlike::identity)
                .toList());
      }
      AtomicBoolean running = new AtomicBoolean(true);
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicInteger answered = new AtomicInteger();
      Thread client =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; running.get(); i++) {
                      try {
                        List<String> people =
                            ask(
                                    onSolr,
                                    photos.get(i % photos.size()),
                                    new LookAlikeQuery(3, false, false))
                                .results()
                                .stream()
                                .map(LookAlike::identity)
                                .toList();
                        if (!people.equals(healthy.get(i % photos.size()))) {
                          failures.add("different answer " + people);
                        }
                        answered.incrementAndGet();
                      } catch (RuntimeException e) {
                        failures.add(e.toString());
                      }
                    }
                  });
      Thread.sleep(300);
      cloud.stopNode(1);
      int atStop = answered.get();
      Thread.sleep(1500);
      running.set(false);
      client.join();
      assertEquals(List.of(), failures);
      assertTrue(
          answered.get() > atStop + 5,
          "answered " + answered.get() + ", " + atStop + " before the stop");
    }
  }
}
