package org.facesearch.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.facesearch.bench.WebLoadBenchmark;
import org.facesearch.data.DataLocation;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch bench web}: load on the look-alike API from a process of its own. */
@Command(
    name = "web",
    mixinStandardHelpOptions = true,
    description = {
      "Send POST /api/query with LFW photos to `facesearch serve` from this separate process, at"
          + " several numbers of concurrent clients: requests/s, p50/p99 latency, rejections (4xx,"
          + " e.g. 422 no face found) and errors (5xx, no connection), by HTTP status; then the"
          + " server's resident memory (VmRSS) after --memory-at totals of queries; and, from the"
          + " server's Server-Timing headers, the p50/p99 of each stage of a query in the server"
          + " (decode, detect, landmarks, embed, search, ...).",
      "By default it starts the server itself (a JVM of its own, on a free port, over --index) and"
          + " stops it at the end; each --server-args starts one more, so server settings are"
          + " compared side by side in one run, with ratios to the first. --url loads a server"
          + " that is already running instead (--pid for its memory)."
    })
final class BenchWebCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOption index;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "A running server's root, e.g. http://localhost:7070/, instead of starting one.")
  URI url;

  @Option(
      names = "--pid",
      paramLabel = "PID",
      description = "With --url: the server's process id on this machine, to read its memory.")
  Long pid;

  @Option(
      names = "--server-args",
      paramLabel = "ARGS",
      description =
          "Options for one started server, e.g. \"--max-batch 1\"; -J passes an option to its"
              + " JVM, e.g. \"-J-Xmx1g\". Repeat to compare settings (default: one server with"
              + " default settings).")
  List<String> serverArgs = new ArrayList<>();

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "LFW folder to take photos from (default: $FACESEARCH_DATA or the workspace's).")
  Path data;

  @Option(names = "--photos", paramLabel = "N", description = "Distinct photos sent (default 100).")
  int photos = 100;

  @Option(
      names = "--clients",
      paramLabel = "C",
      split = ",",
      description = "Concurrent clients per level (default 1,4,16).")
  List<Integer> clients = List.of(1, 4, 16);

  @Option(names = "--requests", paramLabel = "N", description = "Requests per level (default 200).")
  int requests = 200;

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

  /** One server's figures; {@code settings} is what it was started with ("running" for --url). */
  record Run(String settings, WebLoadBenchmark.Report report) {}

  @Override
  public Integer call() {
    if (photos < 1) {
      throw usage("--photos must be at least 1, got " + photos);
    }
    if (url != null && !serverArgs.isEmpty()) {
      throw usage("--server-args starts servers; it cannot be combined with --url");
    }
    if (url == null && pid != null) {
      throw usage("--pid names a running server; give its --url too");
    }
    if (url == null && index.root().current().isEmpty()) {
      throw new IllegalArgumentException(
          "no index at "
              + index.root().dir()
              + " for the server to search; build one with"
              + " `facesearch index` (or give --index, or --url of a running server)");
    }
    Path root =
        DataLocation.resolve(data, System.getenv(), Workspace.fromEnvironment(System.getenv()));
    List<FaceImage> sample = new ArrayList<>(LfwDataset.open(root).images());
    Collections.shuffle(sample, new Random(seed));
    sample = sample.subList(0, Math.min(photos, sample.size()));

    List<Run> runs = new ArrayList<>();
    if (url != null) {
      OptionalLong server = pid == null ? OptionalLong.empty() : OptionalLong.of(pid);
      runs.add(new Run("running", load(url, sample, server)));
    } else {
      List<String> settings = serverArgs.isEmpty() ? List.of("") : serverArgs;
      for (String args : settings) {
        List<String> serveArgs = args.isBlank() ? List.of() : List.of(args.trim().split("\\s+"));
        try (ServerProcess server = ServerProcess.start(index.root().dir(), serveArgs)) {
          String name = args.isBlank() ? "defaults" : args.trim();
          runs.add(new Run(name, load(server.url(), sample, OptionalLong.of(server.pid()))));
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, runs);
      return 0;
    }
    for (Run run : runs) {
      print(out, run);
    }
    if (runs.size() > 1) {
      printRatios(out, runs);
    }
    out.flush();
    return 0;
  }

  private WebLoadBenchmark.Report load(URI server, List<FaceImage> sample, OptionalLong serverPid) {
    return new WebLoadBenchmark(server, sample).run(clients, requests, serverPid, memoryAt);
  }

  private void print(PrintWriter out, Run run) {
    WebLoadBenchmark.Report report = run.report();
    out.printf(
        "server %s: POST %s with %d LFW photos, %d requests per level%n",
        run.settings(), report.url(), report.photos(), requests);
    out.printf(
        "%8s %10s %10s %10s %9s %8s  %s%n",
        "clients", "req/s", "p50 ms", "p99 ms", "rejected", "errors", "not 200 (status x count)");
    for (WebLoadBenchmark.Level level : report.levels()) {
      out.printf(
          "%8d %10.1f %10.1f %10.1f %9d %8d  %s%n",
          level.clients(),
          level.requestsPerSecond(),
          level.p50Millis(),
          level.p99Millis(),
          level.rejected(),
          level.errors(),
          statuses(level.otherStatuses()));
    }
    printStages(out, report.levels());
    for (WebLoadBenchmark.Memory m : report.memory()) {
      out.printf(
          "server VmRSS after %,d queries: %,d KiB (%.0f MiB)%n",
          m.queries(), m.rssKib(), m.rssKib() / 1024.0);
    }
    out.println();
  }

  /**
   * The server's own account of each level's requests, stage by stage: p50/p99 of each {@code
   * Server-Timing} metric (the server's stages are timed exclusively, so a request's stages add up
   * to at most its {@code total}; the client's latency adds the connection and Jetty's own work).
   */
  private static void printStages(PrintWriter out, List<WebLoadBenchmark.Level> levels) {
    Set<String> names = new LinkedHashSet<>();
    levels.forEach(level -> level.stages().forEach(stage -> names.add(stage.stage())));
    if (names.isEmpty()) {
      return;
    }
    out.println("in the server (Server-Timing), p50/p99 ms per stage:");
    StringBuilder head = new StringBuilder(String.format("%8s", "clients"));
    names.forEach(name -> head.append(String.format(" %11s", name)));
    out.println(head);
    for (WebLoadBenchmark.Level level : levels) {
      Map<String, WebLoadBenchmark.StageLatency> byName = new HashMap<>();
      level.stages().forEach(stage -> byName.put(stage.stage(), stage));
      StringBuilder row = new StringBuilder(String.format("%8d", level.clients()));
      for (String name : names) {
        WebLoadBenchmark.StageLatency stage = byName.get(name);
        row.append(
            String.format(
                " %11s",
                stage == null
                    ? "-"
                    : String.format(
                        Locale.ROOT, "%.1f/%.1f", stage.p50Millis(), stage.p99Millis())));
      }
      out.println(row);
    }
  }

  private static void printRatios(PrintWriter out, List<Run> runs) {
    Run base = runs.getFirst();
    out.printf(
        "Ratios to server %s (req/s above 1 and p50/p99 below 1 are better):%n", base.settings());
    for (Run run : runs.subList(1, runs.size())) {
      for (int i = 0; i < run.report().levels().size(); i++) {
        WebLoadBenchmark.Level level = run.report().levels().get(i);
        WebLoadBenchmark.Level was = base.report().levels().get(i);
        out.printf(
            "  %s, %2d clients: req/s x%.2f, p50 x%.2f, p99 x%.2f%n",
            run.settings(),
            level.clients(),
            level.requestsPerSecond() / was.requestsPerSecond(),
            level.p50Millis() / was.p50Millis(),
            level.p99Millis() / was.p99Millis());
        String stages = stageRatios(level, was);
        if (!stages.isEmpty()) {
          out.printf("      stage p50: %s%n", stages);
        }
      }
    }
  }

  /** Each stage's p50 against the first server's, for the stages both report. */
  private static String stageRatios(WebLoadBenchmark.Level level, WebLoadBenchmark.Level was) {
    Map<String, Double> before = new HashMap<>();
    was.stages().forEach(stage -> before.put(stage.stage(), stage.p50Millis()));
    List<String> ratios = new ArrayList<>();
    for (WebLoadBenchmark.StageLatency stage : level.stages()) {
      Double old = before.get(stage.stage());
      if (old != null && old > 0) {
        ratios.add(String.format(Locale.ROOT, "%s x%.2f", stage.stage(), stage.p50Millis() / old));
      }
    }
    return String.join(", ", ratios);
  }

  private static String statuses(Map<Integer, Integer> counts) {
    if (counts.isEmpty()) {
      return "-";
    }
    return counts.entrySet().stream()
        .map(e -> (e.getKey() < 0 ? "no answer" : e.getKey()) + " x" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
