package org.facesearch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.Reindexer;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The server follows the index while it runs: first build, re-indexes, a new model. */
class LiveIndexTest {
  private static final List<String> PEOPLE = List.of("Hugo_Chavez", "Serena_Williams");

  @Test
  void queriesDuringIndexSwapsAllSucceed(@TempDir Path dir) throws Exception {
    try (TestSite site = TestSite.withIndex(dir, PEOPLE, TestSite.settings())) {
      Reindexer reindexer = new Reindexer(site.root, TestModels.pixels(), site.cache);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger answered = new AtomicInteger();
      List<String> failures = new CopyOnWriteArrayList<>();
      Set<String> builds = ConcurrentHashMap.newKeySet();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String person = PEOPLE.get(t % 2);
        workers.add(
            clients.submit(
                () -> {
                  while (running.get()) {
                    HttpResponse<String> response =
                        site.post("/api/query", TestSite.photoForm("photo", site.photo(person, 3)));
                    if (response.statusCode() != 200) {
                      failures.add(response.statusCode() + " " + response.body());
                      continue;
                    }
                    JsonNode answer = TestSite.json(response);
                    if (!answer.get("results").get(0).get("identity").asString().equals(person)) {
                      failures.add("wrong best match for " + person + ": " + answer.get("results"));
                    }
                    builds.add(answer.get("build").asString());
                    answered.incrementAndGet();
                  }
                }));
      }
      List<String> made = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        made.add(reindexer.reindex(TestSite.buildSettings(site.data), true, 2).build().name());
        String expected = made.getLast();
        awaitTrue(
            () ->
                expected.equals(
                    TestSite.json(site.get("/api/status")).get("index").get("build").asString()));
      }
      int before = answered.get();
      awaitTrue(() -> answered.get() > before + 4);
      running.set(false);
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();

      assertEquals(List.of(), failures);
      assertTrue(builds.size() > 1, "queries were answered from several builds: " + builds);
      assertTrue(
          builds.contains(made.getLast()), builds + " includes the last build " + made.getLast());
    }
  }

  @Test
  void aReindexWithAnotherModelIsFollowed(@TempDir Path dir) {
    try (TestSite site = TestSite.withIndex(dir, PEOPLE, TestSite.settings())) {
      assertEquals(
          "pixels-32-grey",
          TestSite.json(site.get("/api/status")).get("model").get("id").asString());
      new IndexBuilder(site.root, TestModels.otherPixels(), site.cache)
          .build(new BuildSettings(site.data, 1, HnswParams.DEFAULT, "pixels-24-grey"));
      awaitTrue(
          () ->
              "pixels-24-grey"
                  .equals(
                      TestSite.json(site.get("/api/status")).get("model").get("id").asString()));

      JsonNode answer =
          TestSite.json(
              site.post("/api/query", TestSite.photoForm("photo", site.photo("Hugo_Chavez", 3))));
      assertEquals("pixels-24-grey", answer.get("model").asString());
      assertEquals("Hugo_Chavez", answer.get("results").get(0).get("identity").asString());
    }
  }

  @Test
  void aBuildWithAnotherModelThanTheServersIsNotServedAndTheStatusSaysWhatToDo(@TempDir Path dir) {
    try (TestSite site =
        TestSite.withoutIndex(dir, PEOPLE, "pixels-32-grey", TestSite.settings())) {
      String first = buildAndAwaitServing(site);
      new IndexBuilder(site.root, TestModels.otherPixels(), site.cache)
          .build(new BuildSettings(site.data, 1, HnswParams.DEFAULT, "pixels-24-grey"));
      String problem = awaitProblem(site);
      JsonNode status = TestSite.json(site.get("/api/status"));
      assertTrue(problem.contains("was built with model pixels-24-grey"), problem);
      assertTrue(
          problem.endsWith(
              "; re-index the gallery with the model in use, or serve it with the model it was"
                  + " built with"),
          problem);
      assertEquals(first, servedBuild(site), "the previous build goes on serving");
      assertEquals("pixels-32-grey", status.get("model").get("id").asString());
    }
  }

  @Test
  void aDamagedIndexKeepsThePreviousBuildServingAndTheStatusSaysToBuildANewOne(@TempDir Path dir)
      throws IOException {
    try (TestSite site =
        TestSite.withoutIndex(dir, PEOPLE, "pixels-32-grey", TestSite.settings())) {
      String first = buildAndAwaitServing(site);
      Files.writeString(site.root.dir().resolve("CURRENT"), "20261130-120000-000");
      String problem = awaitProblem(site);
      assertTrue(problem.contains(", so the index has no serving build"), problem);
      assertTrue(
          problem.endsWith(
              "; build a new index of the gallery (the server picks it up without a restart)"),
          problem);
      assertFalse(problem.contains("facesearch "), problem);
      assertEquals(first, servedBuild(site), "the previous build goes on serving");
    }
  }

  /** Builds the gallery with the server's model and waits until the server serves that build. */
  private static String buildAndAwaitServing(TestSite site) {
    String built =
        new IndexBuilder(site.root, TestModels.pixels(), site.cache)
            .build(TestSite.buildSettings(site.data))
            .name();
    awaitTrue(() -> built.equals(servedBuild(site)));
    return built;
  }

  /** The status page's problem, once the server has met one. */
  private static String awaitProblem(TestSite site) {
    awaitTrue(
        () -> {
          JsonNode problem = TestSite.json(site.get("/api/status")).get("problem");
          return problem != null && !problem.isNull();
        });
    return TestSite.json(site.get("/api/status")).get("problem").asString();
  }

  private static String servedBuild(TestSite site) {
    JsonNode index = TestSite.json(site.get("/api/status")).get("index");
    return index == null || index.isNull() ? null : index.get("build").asString();
  }

  @Test
  void withoutAnIndexTheApiSays503UntilOneIsBuilt(@TempDir Path dir) {
    try (TestSite site = TestSite.withoutIndex(dir, PEOPLE, null, TestSite.settings())) {
      HttpResponse<String> query =
          site.post("/api/query", TestSite.photoForm("photo", site.photo("Serena_Williams", 3)));
      assertEquals(503, query.statusCode());
      JsonNode error = TestSite.json(query);
      assertEquals(503, error.get("status").asInt());
      assertTrue(error.get("error").asString().contains("facesearch index"), error.toString());
      assertEquals(503, site.get("/api/identities").statusCode());
      assertFalse(TestSite.json(site.get("/api/status")).get("ready").asBoolean());
      assertFalse(TestSite.json(site.get("/api/health")).get("ready").asBoolean());
      assertEquals(200, site.get("/api/health").statusCode(), "alive, if not ready");
      assertEquals(503, site.get("/gallery").statusCode());
      assertEquals(200, site.get("/status").statusCode());

      new IndexBuilder(site.root, TestModels.pixels(), site.cache)
          .build(TestSite.buildSettings(site.data));
      awaitTrue(
          () ->
              site.post("/api/query", TestSite.photoForm("photo", site.photo("Serena_Williams", 3)))
                      .statusCode()
                  == 200);
      assertTrue(TestSite.json(site.get("/api/status")).get("ready").asBoolean());
    }
  }

  @Test
  void withoutAThresholdVerifyingSays503InWordsForABrowserUser(@TempDir Path dir) throws Exception {
    try (TestSite site =
        TestSite.withoutIndex(dir, PEOPLE, "pixels-32-grey", null, TestSite.settings())) {
      HttpResponse<String> verify =
          site.post(
              "/api/verify",
              TestSite.photoForm("a", site.photo("Hugo_Chavez", 3))
                  .file(
                      "b",
                      "b.jpg",
                      "image/jpeg",
                      Files.readAllBytes(site.photo("Hugo_Chavez", 3))));
      assertEquals(503, verify.statusCode(), verify.body());
      String error = TestSite.json(verify).get("error").asString();
      assertTrue(
          error.startsWith(
              "this server's model (pixels-32-grey) has no calibrated verification threshold"),
          error);
      // The browser user cannot pass a command-line flag, nor should see the server's folders.
      assertFalse(error.contains("--"), error);
      assertFalse(error.contains(dir.toString()), error);
    }
  }

  @Test
  void aGivenModelServesVerificationBeforeAnyIndexExists(@TempDir Path dir) {
    try (TestSite site =
        TestSite.withoutIndex(dir, PEOPLE, "pixels-32-grey", TestSite.settings())) {
      HttpResponse<String> verify =
          site.post(
              "/api/verify",
              TestSite.photoForm("a", site.photo("Hugo_Chavez", 3))
                  .file("b", "b.jpg", "image/jpeg", new byte[] {1}));
      assertEquals(
          400, verify.statusCode(), "the model is there; the second photo is not an image");
      assertEquals(
          503,
          site.post("/api/query", TestSite.photoForm("photo", site.photo("Hugo_Chavez", 3)))
              .statusCode());
      assertEquals(
          "pixels-32-grey",
          TestSite.json(site.get("/api/status")).get("model").get("id").asString());
    }
  }

  private static void awaitTrue(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not true within 30 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
