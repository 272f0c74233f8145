package org.facesearch.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.facesearch.bench.VectorBenchmark;
import org.facesearch.bench.VectorSet;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.searcher.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch bench vectors}: Lucene HNSW vs hnswlib vs brute force on the same vectors. */
@Command(
    name = "vectors",
    mixinStandardHelpOptions = true,
    description = {
      "Compare exact brute force, Lucene HNSW (full precision and 8-bit quantised) and hnswlib's"
          + " Java port on the same vectors: build time, size, recall@10, p50/p99 latency and"
          + " queries/s on one thread and on all cores, and Lucene/hnswlib ratios at equal recall.",
      "Vectors: the LFW gallery embedded with the model (default), or --synthetic N clustered"
          + " unit vectors."
    })
final class BenchVectorsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;
  @Mixin BuildOptions build;

  @Option(
      names = "--synthetic",
      paramLabel = "N",
      description = "Benchmark N synthetic clustered unit vectors instead of LFW embeddings.")
  Integer synthetic;

  @Option(
      names = "--dim",
      paramLabel = "D",
      description = "Dimension of synthetic vectors (default 128).")
  int dimension = 128;

  @Option(names = "--queries", paramLabel = "N", description = "Queries (default 1000).")
  int queries = 1000;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "Threads for the all-cores figures (default: available processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 42).")
  long seed = 42;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (queries < 1) {
      throw new IllegalArgumentException("--queries must be at least 1, got " + queries);
    }
    VectorSet set;
    if (synthetic != null) {
      set = VectorSet.synthetic(synthetic, dimension, queries, seed);
    } else {
      try (LoadedModel loaded = model.load(index.root())) {
        BuildSettings settings = build.settings(Optional.empty(), loaded.source());
        CropCache cache = CropCache.in(Workspace.fromEnvironment(System.getenv()));
        try (CachedCrops crops =
            loaded
                .embedder()
                .cachedCrops(
                    cache, LfwDataset.open(settings.dataRoot()).subset(settings.minFaces()))) {
          set = VectorSet.embedded(loaded.embedder(), crops, queries, seed);
        }
      }
    }
    VectorBenchmark.Report report =
        new VectorBenchmark(build.hnsw(Optional.empty()), threads).run(set);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, report);
      return 0;
    }
    print(out, report);
    return 0;
  }

  private static void print(PrintWriter out, VectorBenchmark.Report report) {
    out.printf("%s%n", report.vectors());
    out.printf(
        "%,d vectors x %d, %d queries, k=10, HNSW %s, all-cores figures on %d threads%n%n",
        report.size(), report.dimension(), report.queries(), report.hnsw(), report.threads());
    out.printf("%-12s %10s %12s %12s%n", "index", "build s", "size MiB", "heap MiB");
    for (VectorBenchmark.Build b : report.builds()) {
      out.printf(
          "%-12s %10.1f %12.1f %12.1f%n",
          b.index(), b.seconds(), b.bytes() / 1048576.0, b.heapBytes() / 1048576.0);
    }
    out.printf(
        "%n%-12s %7s %10s %9s %9s %10s %10s%n",
        "index", "effort", "recall@10", "p50 ms", "p99 ms", "QPS 1 thr", "QPS all");
    for (VectorBenchmark.Measurement m : report.measurements()) {
      out.printf(
          "%-12s %7d %10.4f %9.3f %9.3f %10.0f %10.0f%n",
          m.index(),
          m.effort(),
          m.recallAt10(),
          m.p50Millis(),
          m.p99Millis(),
          m.qpsOneThread(),
          m.qpsAllThreads());
    }
    out.printf("%nLucene / hnswlib at equal recall (lowest effort reaching it):%n");
    if (report.ratios().isEmpty()) {
      out.printf("  no target recall reached by both%n");
    }
    for (VectorBenchmark.Ratio r : report.ratios()) {
      out.printf(
          "  recall >= %.2f: lucene effort %d (%.4f) vs hnswlib ef %d (%.4f): QPS 1 thr x%.2f,"
              + " QPS all x%.2f, p50 x%.2f%n",
          r.targetRecall(),
          r.lucene().effort(),
          r.lucene().recallAt10(),
          r.hnswlib().effort(),
          r.hnswlib().recallAt10(),
          r.qpsRatio(),
          r.qpsAllThreadsRatio(),
          r.p50Ratio());
    }
    out.flush();
  }
}
