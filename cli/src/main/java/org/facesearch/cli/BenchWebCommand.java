package org.facesearch.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Callable;
import org.facesearch.data.DataLocation;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.searcher.bench.WebLoadBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch bench web}: load on a running server's look-alike API from this process. */
@Command(
    name = "web",
    mixinStandardHelpOptions = true,
    description = {
      "Send POST /api/query with LFW photos to a running `facesearch serve` from this separate"
          + " process, at several numbers of concurrent clients: requests/s, p50/p99 latency,"
          + " rejections (4xx, e.g. no face found) and errors (5xx, no connection). With --pid (the server's process on this machine), also its resident memory"
          + " (VmRSS) after --memory-at totals of queries."
    })
final class BenchWebCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      required = true,
      paramLabel = "URL",
      description = "The server's root, e.g. http://localhost:7070/.")
  URI url;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "LFW folder to take photos from (default: $FACESEARCH_DATA or the workspace's).")
  Path data;

  @Option(names = "--photos", paramLabel = "N", description = "Distinct photos sent (default 100).")
  int photos = 100;

  @Option(
      names = "--clients",
      paramLabel = "C",
      split = ",",
      description = "Concurrent clients per level (default 1,4,16).")
  List<Integer> clients = List.of(1, 4, 16);

  @Option(
      names = "--requests",
      paramLabel = "N",
      description = "Requests per level (default 200).")
  int requests = 200;

  @Option(names = "--pid", paramLabel = "PID", description = "The server's process id.")
  Long pid;

  @Option(
      names = "--memory-at",
      paramLabel = "N",
      split = ",",
      description = "Query totals at which to read the server's VmRSS (default 1000,5000,10000).")
  List<Integer> memoryAt = List.of(1000, 5000, 10000);

  @Option(names = "--seed", paramLabel = "S", description = "Seed for the photos (default 42).")
  long seed = 42;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (photos < 1) {
      throw new IllegalArgumentException("--photos must be at least 1, got " + photos);
    }
    Path root = DataLocation.resolve(data, System.getenv(), Workspace.fromEnvironment(System.getenv()));
    List<FaceImage> sample = new ArrayList<>(LfwDataset.open(root).images());
    Collections.shuffle(sample, new Random(seed));
    sample = sample.subList(0, Math.min(photos, sample.size()));
    WebLoadBenchmark.Report report =
        new WebLoadBenchmark(url, sample)
            .run(
                clients,
                requests,
                pid == null ? OptionalLong.empty() : OptionalLong.of(pid),
                memoryAt);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, report);
      return 0;
    }
    out.printf("POST %s with %d LFW photos, %d requests per level%n", report.url(), report.photos(), requests);
    out.printf(
        "%8s %10s %10s %10s %9s %8s%n", "clients", "req/s", "p50 ms", "p99 ms", "rejected", "errors");
    for (WebLoadBenchmark.Level level : report.levels()) {
      out.printf(
          "%8d %10.1f %10.1f %10.1f %9d %8d%n",
          level.clients(), level.requestsPerSecond(), level.p50Millis(), level.p99Millis(),
          level.rejected(), level.errors());
    }
    for (WebLoadBenchmark.Memory m : report.memory()) {
      out.printf("server VmRSS after %,d queries: %,d KiB (%.0f MiB)%n", m.queries(), m.rssKib(), m.rssKib() / 1024.0);
    }
    out.flush();
    return 0;
  }
}
