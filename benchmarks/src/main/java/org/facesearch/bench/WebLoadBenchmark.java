package org.facesearch.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.facesearch.data.FaceImage;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.web.ServerTiming;
import org.facesearch.web.WebServer;

/**
 * Load on a running server's {@code POST /api/query} from this process (a separate client): for
 * each number of concurrent clients, requests/s, latency percentiles, rejections (a 4xx answer,
 * such as 422 for a photo where no face is found: the server worked as designed) and errors (a 5xx
 * answer or a failed connection); then, when the server's process id is given, its resident memory
 * (VmRSS from {@code /proc}) after given totals of queries. Where the server sends a {@code
 * Server-Timing} header (facesearch's does), each stage's p50 and p99 as well.
 */
public final class WebLoadBenchmark {
  private static final String BOUNDARY = "facesearch-bench-boundary";

  private final URI query;
  private final List<byte[]> bodies;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** {@code base} is the server's root URL; {@code photos} are sent in turn. */
  public WebLoadBenchmark(URI base, List<FaceImage> photos) {
    if (photos.isEmpty()) {
      throw new IllegalArgumentException("the load benchmark needs at least one photo");
    }
    this.query = base.resolve(WebServer.QUERY_ROUTE);
    this.bodies = new ArrayList<>(photos.size());
    for (FaceImage photo : photos) {
      bodies.add(multipart(photo.path()));
    }
  }

  /**
   * One level of concurrency. Latencies in milliseconds; {@code otherStatuses} counts the answers
   * that were not 200 by HTTP status (-1: no answer); {@code stages} says where the server spent
   * the time, from its {@code Server-Timing} headers (empty when it sends none).
   */
  public record Level(
      int clients,
      int requests,
      double requestsPerSecond,
      double p50Millis,
      double p99Millis,
      int rejected,
      int errors,
      SortedMap<Integer, Integer> otherStatuses,
      List<StageLatency> stages) {
    public Level {
      otherStatuses = Collections.unmodifiableSortedMap(new TreeMap<>(otherStatuses));
      stages = List.copyOf(stages);
    }
  }

  /**
   * One {@code Server-Timing} metric over the requests of a level that carried the header, in
   * milliseconds; a request whose header left the stage out (the server lists only the stages that
   * took time) counts as 0.
   */
  public record StageLatency(String stage, double p50Millis, double p99Millis) {}

  /** Server resident memory after {@code queries} queries in all (this run's). */
  public record Memory(int queries, long rssKib) {}

  public record Report(String url, int photos, List<Level> levels, List<Memory> memory) {}

  /**
   * Runs {@code requests} queries at each of {@code clients}; then, if {@code serverPid} is set,
   * keeps querying at the highest concurrency and reads the server's VmRSS as the total number of
   * queries sent passes each of {@code memoryCheckpoints}.
   */
  public Report run(
      List<Integer> clients,
      int requests,
      OptionalLong serverPid,
      List<Integer> memoryCheckpoints) {
    if (requests < 1) {
      throw new InvalidSettingException(
          BenchSetting.REQUESTS, " must be at least 1, got " + requests);
    }
    for (int c : clients) {
      if (c < 1) {
        throw new IllegalArgumentException("client counts must be at least 1, got " + c);
      }
    }
    int busiest = clients.stream().mapToInt(Integer::intValue).max().orElse(1);
    AtomicInteger sent = new AtomicInteger();
    List<Level> levels = new ArrayList<>();
    List<Memory> memory = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(busiest)) {
      // Warm-up: JIT and model on the server, connections on the client.
      load(pool, busiest, Math.min(requests, 4 * busiest), sent, "warm-up");
      for (int c : clients) {
        levels.add(load(pool, c, requests, sent, c + " clients"));
      }
      if (serverPid.isPresent()) {
        for (int checkpoint : memoryCheckpoints) {
          int more = checkpoint - sent.get();
          if (more > 0) {
            load(pool, busiest, more, sent, "to " + checkpoint + " queries");
          }
          memory.add(new Memory(sent.get(), residentKib(serverPid.getAsLong())));
        }
      }
    }
    return new Report(query.toString(), bodies.size(), levels, memory);
  }

  private Level load(
      ExecutorService pool, int clients, int requests, AtomicInteger sent, String task) {
    double[] millis = new double[requests];
    AtomicReferenceArray<Map<String, Double>> timings = new AtomicReferenceArray<>(requests);
    AtomicInteger next = new AtomicInteger();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<Future<?>> workers = new ArrayList<>();
    long start;
    try (ProgressBar progress =
        new ProgressBarBuilder().setTaskName(task).setInitialMax(requests).build()) {
      start = System.nanoTime();
      for (int w = 0; w < clients; w++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    Answer answer = send(bodies.get(sent.getAndIncrement() % bodies.size()));
                    if (answer.status() != 200) {
                      statuses.merge(answer.status(), 1, Integer::sum);
                    }
                    millis[i] = (System.nanoTime() - t) / 1e6;
                    timings.set(i, answer.timing());
                    progress.step();
                  }
                }));
      }
      for (Future<?> worker : workers) {
        try {
          worker.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while loading " + query, e);
        } catch (ExecutionException e) {
          throw new IllegalStateException(
              "a load client failed: " + e.getCause().getMessage(), e.getCause());
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(millis);
    int rejected = 0;
    for (Map.Entry<Integer, Integer> answer : statuses.entrySet()) {
      if (answer.getKey() >= 400 && answer.getKey() < 500) {
        rejected += answer.getValue();
      }
    }
    int notOk = statuses.values().stream().mapToInt(Integer::intValue).sum();
    return new Level(
        clients,
        requests,
        requests / seconds,
        VectorBenchmark.percentile(millis, 0.50),
        VectorBenchmark.percentile(millis, 0.99),
        rejected,
        notOk - rejected,
        new TreeMap<>(statuses),
        stages(timings));
  }

  /** Each metric's p50 and p99 over the requests that carried a {@code Server-Timing} header. */
  static List<StageLatency> stages(AtomicReferenceArray<Map<String, Double>> timings) {
    List<Map<String, Double>> timed = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < timings.length(); i++) {
      Map<String, Double> timing = timings.get(i);
      if (timing != null && !timing.isEmpty()) {
        timed.add(timing);
        names.addAll(timing.keySet());
      }
    }
    List<StageLatency> stages = new ArrayList<>();
    for (String name : names) {
      double[] millis =
          timed.stream().mapToDouble(t -> t.getOrDefault(name, 0.0)).sorted().toArray();
      stages.add(
          new StageLatency(
              name,
              VectorBenchmark.percentile(millis, 0.50),
              VectorBenchmark.percentile(millis, 0.99)));
    }
    return stages;
  }

  /** An answer: its HTTP status (-1 when the server could not be reached) and Server-Timing. */
  private record Answer(int status, Map<String, Double> timing) {}

  private Answer send(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(query)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      return new Answer(
          response.statusCode(),
          response
              .headers()
              .firstValue(ServerTiming.HEADER)
              .map(ServerTiming::parse)
              .orElse(Map.of()));
    } catch (IOException e) {
      return new Answer(-1, Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, Map.of());
    }
  }

  private static byte[] multipart(Path photo) {
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      String head =
          "--"
              + BOUNDARY
              + "\r\n"
              + "Content-Disposition: form-data; name=\""
              + WebServer.QUERY_PHOTO_FIELD
              + "\"; filename=\""
              + photo.getFileName()
              + "\"\r\n"
              + "Content-Type: image/jpeg\r\n\r\n";
      body.write(head.getBytes(StandardCharsets.US_ASCII));
      body.write(Files.readAllBytes(photo));
      body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
      return body.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read photo " + photo + ": " + e.getMessage(), e);
    }
  }

  /** VmRSS of a process on this machine, in KiB. */
  static long residentKib(long pid) {
    return statusKib(pid, "VmRSS");
  }

  /** A memory line of a process's {@code /proc} status ({@code VmRSS}, {@code VmHWM}), in KiB. */
  static long statusKib(long pid, String field) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
      throw new IllegalStateException(status + " has no " + field + " line");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the memory of process "
              + pid
              + " from "
              + status
              + " (is it running on this machine?): "
              + e.getMessage(),
          e);
    }
  }
}
