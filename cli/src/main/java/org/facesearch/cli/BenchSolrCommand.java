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
      "Vectors: the LFW gallery embedded with the model (default), or --synthetic N."
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

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (queries < 1) {
      throw new IllegalArgumentException("--queries must be at least 1, got " + queries);
    }
    Optional<SolrAddress> given = index.solrAddress();
    VectorSet set = vectors();
    Path home = Workspace.fromEnvironment(System.getenv()).home();
    Files.createDirectories(home);
    Path work = Files.createTempDirectory(home, "bench-solr-");
    LocalSolrCloud local = null;
    try {
      Optional<Path> clusterDir = Optional.empty();
      SolrAddress address;
      if (given.isPresent()) {
        address = given.get();
      } else {
        local =
            LocalSolrCloud.start(
                LocalSolrCloud.jar(), 2, work.resolve("cloud"), Duration.ofMinutes(3));
        address = local.address();
        clusterDir = Optional.of(work.resolve("cloud"));
      }
      SolrBenchmark.Report report;
      try (SolrGallery solr = SolrGallery.connect(address, ALIAS, work.resolve("home"))) {
        report = new SolrBenchmark(solr, clusterDir, work).run(set);
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
          loaded.embedder().cachedCrops(
              cache, LfwDataset.open(settings.dataRoot()).subset(settings.minFaces()))) {
        return VectorSet.embedded(loaded.embedder(), crops, queries, seed);
      }
    }
  }

  private static void print(PrintWriter out, SolrBenchmark.Report report) {
    out.printf("%s%n", report.vectors());
    out.printf(
        "%,d vectors x %d, %d queries, k=10, HNSW M=16 beam 100, one machine%n%n",
        report.size(), report.dimension(), report.queries());
    out.printf(
        "%-14s %9s %12s %10s %9s %9s %9s %9s%n",
        "index", "build s", "B/vector", "recall@10", "p50 ms", "p99 ms", "QPS 1", "QPS 4");
    SolrBenchmark.Result base = report.results().getFirst();
    for (SolrBenchmark.Result r : report.results()) {
      out.printf(
          "%-14s %9.2f %12s %10.4f %9.3f %9.3f %9.0f %9.0f%n",
          r.index(),
          r.buildSeconds(),
          r.bytesPerReplica() < 0 ? "-" : String.format("%,d", r.bytesPerReplica() / report.size()),
          r.recall(),
          r.p50Millis(),
          r.p99Millis(),
          r.qps1(),
          r.qps4());
    }
    out.printf("%nRatios to the embedded index (build time, p50, QPS 1, QPS 4):%n");
    for (SolrBenchmark.Result r : report.results().subList(1, report.results().size())) {
      out.printf(
          "%-14s %8.2fx %8.2fx %8.2fx %8.2fx%n",
          r.index(),
          r.buildSeconds() / base.buildSeconds(),
          r.p50Millis() / base.p50Millis(),
          r.qps1() / base.qps1(),
          r.qps4() / base.qps4());
    }
    out.flush();
  }

  private static void delete(Path dir) {
    try {
      FileTrees.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
