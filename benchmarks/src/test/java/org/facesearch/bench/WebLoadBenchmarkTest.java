package org.facesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebLoadBenchmarkTest {
  private HttpServer server;
  private final AtomicInteger received = new AtomicInteger();

  /**
   * A real HTTP server on localhost that checks each upload is a multipart JPEG in the "photo"
   * field, and answers 200, then 422, then 500 in turn.
   */
  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/api/query",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          String text = new String(body, StandardCharsets.ISO_8859_1);
          boolean wellFormed =
              exchange.getRequestMethod().equals("POST")
                  && exchange.getRequestHeaders().getFirst("Content-Type").startsWith("multipart/")
                  && text.contains("name=\"photo\"")
                  && text.contains("\u00ff\u00d8\u00ff"); // JPEG start-of-image marker
          int n = received.getAndIncrement();
          int status =
              !wellFormed
                  ? 400
                  : switch (n % 3) {
                    case 0 -> 200;
                    case 1 -> 422;
                    default -> 500;
                  };
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void countsAnswersByKindAtEachConcurrencyAndReadsTheServersMemory() {
    List<FaceImage> photos = LfwDataset.open(LfwTestData.root()).imagesOf("Serena_Williams");
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    // The server runs in this test's JVM, so this process's id is the server's.
    long pid = ProcessHandle.current().pid();

    WebLoadBenchmark.Report report =
        new WebLoadBenchmark(url, photos.subList(0, 5))
            .run(List.of(1, 3), 30, OptionalLong.of(pid), List.of(100));

    assertEquals(2, report.levels().size());
    int rejected = 0;
    int errors = 0;
    for (WebLoadBenchmark.Level level : report.levels()) {
      assertEquals(30, level.requests());
      assertTrue(level.p50Millis() <= level.p99Millis());
      rejected += level.rejected();
      errors += level.errors();
      assertEquals(Set.of(422, 500), level.otherStatuses().keySet(), "statuses by number");
      assertEquals(level.rejected(), level.otherStatuses().get(422));
      assertEquals(level.errors(), level.otherStatuses().get(500));
    }
    // Warm-up (12) + 2 x 30 = 72 requests so far, a third of each kind; none malformed (400).
    assertEquals(20, rejected);
    assertEquals(20, errors);
    assertEquals(1, report.memory().size());
    assertEquals(100, report.memory().get(0).queries());
    assertEquals(100, received.get());
    assertTrue(report.memory().get(0).rssKib() > 10_000, "a JVM takes more than 10 MB resident");
  }

  @Test
  void peakResidentMemoryIsReadFromThisProcessesStatusAndIsAtLeastTheCurrent() {
    long pid = ProcessHandle.current().pid();

    long current = WebLoadBenchmark.statusKib(pid, "VmRSS");
    long peak = WebLoadBenchmark.statusKib(pid, "VmHWM");

    assertTrue(current > 10_000, "a JVM takes more than 10 MB resident: " + current);
    assertTrue(peak >= current, peak + " KiB peak, " + current + " KiB now");
  }

  @Test
  void aProcessThatDoesNotExistIsNamed() {
    long missing = Long.MAX_VALUE;
    RuntimeException e =
        assertThrows(RuntimeException.class, () -> WebLoadBenchmark.residentKib(missing));
    assertTrue(e.getMessage().contains("process " + missing), e.getMessage());
  }

  @Test
  void noPhotosIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new WebLoadBenchmark(URI.create("http://127.0.0.1:1/"), List.of()));
  }
}
