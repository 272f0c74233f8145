package org.facesearch.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.facesearch.bench.SearchBenchmark;
import org.facesearch.data.Workspace;
import org.facesearch.data.cache.CropCache;
import org.facesearch.searcher.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch bench search}: index build speed, kNN latency, HNSW recall. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Build an index in a temporary folder and measure: build images/s, kNN query latency (p50,"
          + " p99), recall@10 of HNSW against exact brute force on the same vectors, and the"
          + " latency of whole photo -> look-alikes queries.",
      "The serving index is not touched."
    })
final class BenchSearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;
  @Mixin BuildOptions build;

  @Option(names = "--queries", paramLabel = "N", description = "Queries to time (default 1000).")
  int queries = 1000;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed for picking query vectors (default 42).")
  long seed = 42;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (LoadedModel loaded = model.load(index.root())) {
      CropCache cache = CropCache.in(Workspace.fromEnvironment(System.getenv()));
      SearchBenchmark.Report report =
          new SearchBenchmark(loaded.embedder(), cache)
              .run(build.settings(Optional.empty(), loaded.source()), queries, seed);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, report);
        return 0;
      }
      out.printf(
          "model %s, %d images, %d dimensions, HNSW %s%n",
          report.modelId(), report.images(), report.dimension(), report.hnsw());
      out.printf("crop cache load:  %.1f s%n", report.cacheSeconds());
      out.printf(
          "index build:      %.1f s, %.0f images/s (embed + HNSW + verify)%n",
          report.buildSeconds(), report.buildImagesPerSecond());
      out.printf(
          "kNN query (%d candidates, rescored): p50 %.3f ms, p99 %.3f ms over %d queries%n",
          report.candidates(), report.p50Millis(), report.p99Millis(), report.queries());
      out.printf(
          "recall@10 HNSW vs brute force: %.4f (k=10 search), %.4f (top 10 of %d candidates)%n",
          report.recallAt10(), report.recallAt10Of100Candidates(), report.candidates());
      out.printf(
          "photo -> look-alikes (decode, detect, embed, search): p50 %.1f ms, p99 %.1f ms over"
              + " %d photos%n",
          report.photoP50Millis(), report.photoP99Millis(), report.photoQueries());
      out.flush();
      return 0;
    }
  }
}
