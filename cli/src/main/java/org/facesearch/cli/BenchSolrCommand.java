package org.facesearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.facesearch.bench.SolrBenchmark;
import org.facesearch.bench.VectorSet;
import org.facesearch.data.FileTrees;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.solr.LocalSolrCloud;
import org.facesearch.solr.SolrAddress;
import org.facesearch.solr.SolrGallery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch bench solr}: the embedded index against SolrCloud on the same vectors. */
@Command(
    name = "solr",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the embedded Lucene index with SolrCloud collections of 1 and 2 shards on the same"
          + " vectors: index time, size, recall@10 vs exact, p50/p99 latency, queries/s with 1 and"
          + " 4 clients, and SolrCloud/embedded ratios.",
      "SolrCloud: --solr ZKHOST (collections under alias facesearch-bench, deleted afterwards),"
          + " else a local 2-node cluster started for the run.",
      "Vectors: the LFW gallery embedded with the model from the crop cache (default), or"
          + " --synthetic N clustered unit vectors.",
      "Recall is against brute force over all vectors for every query, computed once."
    })
final class BenchSolrCommand implements Callable<Integer> {
  static final String ALIAS = "facesearch-bench";

  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;
  @Mixin BuildOptions build;

  @Option(
      names = "--synthetic",
      paramLabel = "N",
      description = "N synthetic clustered unit vectors instead of LFW embeddings.")
  Integer synthetic;

  @Option(
      names = "--dim",
      paramLabel = "D",
      description = "Dimension of synthetic vectors (default 128).")
  int dimension = 128;

  @Option(names = "--queries", paramLabel = "N", description = "Queries (default 500).")
  int queries = 500;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 42).")
  long seed = 42;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      description = "Least time of each warm-up and each timing, in whole passes (default 3).")
  double seconds = 3;

  @Option(
      names = "--solr-heap",
      paramLabel = "MiB",
      description =
          "Heap of the local SolrCloud's JVM (default 1024 plus 1 MiB per 1,024 vectors: room for"
              + " the HNSW graphs its merges build in heap).")
  Integer solrHeap;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (queries < 1) {
      throw new IllegalArgumentException("--queries must be at least 1, got " + queries);
    }
    if (seconds < 0) {
      throw new IllegalArgumentException("--seconds must not be negative, got " + seconds);
    }
    if (solrHeap != null && solrHeap < 256) {
      throw new IllegalArgumentException("--solr-heap must be at least 256 (MiB), got " + solrHeap);
    }
    Optional<SolrAddress> given = index.solrAddress();
    VectorSet set = vectors();
    Path home = Workspace.fromEnvironment(System.getenv()).home();
    Files.createDirectories(home);
    Path work = Files.createTempDirectory(home, "bench-solr-");
    LocalSolrCloud local = null;
    try {
      SolrAddress address;
      if (given.isPresent()) {
        address = given.get();
      } else {
        local =
            LocalSolrCloud.start(
                LocalSolrCloud.jar(),
                2,
                work.resolve("cloud"),
                Duration.ofMinutes(3),
                solrHeap != null ? solrHeap : defaultHeapMiB(set.vectors().length));
        address = local.address();
      }
      SolrBenchmark.Report report;
      try (SolrGallery solr = SolrGallery.connect(address, ALIAS, work.resolve("home"))) {
        report = new SolrBenchmark(solr, Optional.ofNullable(local), work, seconds).run(set);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, report);
      } else {
        print(out, report);
      }
      return 0;
    } finally {
      if (local != null) {
        local.close();
      }
      delete(work);
    }
  }

  /** The default heap of the local cluster's JVM for {@code vectors} vectors. */
  static int defaultHeapMiB(int vectors) {
    return LocalSolrCloud.DEFAULT_HEAP_MIB + vectors / 1024;
  }

  private VectorSet vectors() {
    if (synthetic != null) {
      return VectorSet.synthetic(synthetic, dimension, queries, seed);
    }
    try (LoadedModel loaded =
        model.load(
            new org.facesearch.indexer.lucene.IndexRoot(
                Workspace.fromEnvironment(System.getenv()).indexDir()))) {
      BuildSettings settings = build.settings(Optional.empty(), loaded.source());
      CropCache cache = CropCache.in(Workspace.fromEnvironment(System.getenv()));
      try (CachedCrops crops =
          loaded
              .embedder()
              .cachedCrops(
                  cache, LfwDataset.open(settings.dataRoot()).subset(settings.minFaces()))) {
        return VectorSet.embedded(loaded.embedder(), crops, queries, seed);
      }
    }
  }

  private static void print(PrintWriter out, SolrBenchmark.Report report) {
    out.printf("%s%n", report.vectors());
    out.printf(
        "%,d vectors x %d, %d queries, k=10, HNSW M=16 beam 100, %d clients for QPS 4, one"
            + " machine%n%n",
        report.size(), report.dimension(), report.queries(), SolrBenchmark.CLIENTS);
    out.printf(
        "%-14s %9s %10s %10s %9s %9s %9s %9s%n",
        "index", "build s", "B/vector", "recall@10", "p50 ms", "p99 ms", "QPS 1", "QPS 4");
    SolrBenchmark.Result base = report.results().getFirst();
    for (SolrBenchmark.Result r : report.results()) {
      out.printf(
          "%-14s %9.1f %10s %10.4f %9.3f %9.3f %9.0f %9.0f%n",
          r.index(),
          r.buildSeconds(),
          r.bytesPerReplica() < 0 ? "-" : String.format("%,d", r.bytesPerReplica() / report.size()),
          r.recall(),
          r.p50Millis(),
          r.p99Millis(),
          r.qps1(),
          r.qps4());
    }
    out.printf("%nRatios to the embedded index (QPS below 1 and times above 1 favour embedded):%n");
    out.printf(
        "%-14s %9s %10s %10s %9s %9s %9s %9s%n",
        "index", "build", "B/vector", "recall", "p50", "p99", "QPS 1", "QPS 4");
    for (SolrBenchmark.Result r : report.results().subList(1, report.results().size())) {
      out.printf(
          "%-14s %8.2fx %10s %9.3fx %8.2fx %8.2fx %8.2fx %8.2fx%n",
          r.index(),
          r.buildSeconds() / base.buildSeconds(),
          r.bytesPerReplica() < 0 || base.bytesPerReplica() <= 0
              ? "-"
              : String.format("%.2fx", r.bytesPerReplica() / (double) base.bytesPerReplica()),
          r.recall() / base.recall(),
          r.p50Millis() / base.p50Millis(),
          r.p99Millis() / base.p99Millis(),
          r.qps1() / base.qps1(),
          r.qps4() / base.qps4());
    }
    out.printf(
        "%nPeak resident memory: this JVM %s MiB; local SolrCloud JVM %s MiB (heap limit %s MiB)%n",
        known(report.benchPeakMiB()),
        known(report.clusterPeakMiB()),
        known(report.clusterHeapMiB()));
    out.flush();
  }

  private static String known(long mib) {
    return mib < 0 ? "-" : String.format("%,d", mib);
  }

  private static void delete(Path dir) {
    try {
      FileTrees.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
