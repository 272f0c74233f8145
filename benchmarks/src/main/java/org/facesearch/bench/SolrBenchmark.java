package org.facesearch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.facesearch.indexer.GalleryImage;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.GallerySource;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexEntry;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.NewBuild;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.solr.CollectionLayout;
import org.facesearch.solr.LocalSolrCloud;
import org.facesearch.solr.SolrGallery;

/**
 * The embedded Lucene index against SolrCloud collections of 1 and 2 shards, on the same vectors
 * and queries, through the same {@link GalleryIndex} code a build and its self-check use: index
 * time (adding in batches and committing, Lucene also merging to one segment), size on disk per
 * replica, recall@10 against exact search, p50/p99 latency of one client, and queries per second
 * with 1 and 4 concurrent clients.
 *
 * <p>Memory: the vectors are held once in this JVM (a million x 128 is 512 MiB) and every backend
 * receives them one document at a time; SolrCloud gets them in update requests of a few hundred
 * documents ({@code SolrNewBuild}), so neither side buffers more than its own indexing buffer.
 *
 * <p>Not measured: network latency (everything is on one machine, so SolrCloud's numbers include
 * its HTTP and JSON costs but no wire), Solr with more nodes than the machine has cores, and Solr
 * sizes on a cluster this benchmark did not start (it cannot see their disks).
 */
public final class SolrBenchmark {
  static final int K = 10;

  /** Concurrent clients of the second throughput figure. */
  public static final int CLIENTS = 4;

  private static final String MODEL = "bench-vectors";

  /** One index's figures. {@code bytesPerReplica} is -1 when not measured. */
  public record Result(
      String index,
      double buildSeconds,
      long bytesPerReplica,
      double recall,
      double p50Millis,
      double p99Millis,
      double qps1,
      double qps4) {}

  /**
   * All figures; the first result is the embedded index, the others' ratios are to it. Memory
   * figures are peak resident sets ({@code VmHWM}) in MiB, -1 where unknown: this JVM's, and the
   * local cluster's child JVM's with its heap limit.
   */
  public record Report(
      String vectors,
      int size,
      int dimension,
      int queries,
      List<Result> results,
      long benchPeakMiB,
      int clusterHeapMiB,
      long clusterPeakMiB) {}

  private final SolrGallery solr;
  private final Optional<LocalSolrCloud> local;
  private final Path work;
  private final double minSeconds;

  /**
   * @param solr where the SolrCloud collections are built (under their own alias and configset)
   * @param local the local cluster {@code solr} runs on, to measure its sizes and memory; empty for
   *     a remote cluster
   * @param work a folder for the embedded index
   * @param minSeconds how long each warm-up and each timing lasts at least (whole passes over the
   *     queries), so that fast indexes are not timed on a few milliseconds of a shared machine
   */
  public SolrBenchmark(
      SolrGallery solr, Optional<LocalSolrCloud> local, Path work, double minSeconds) {
    if (minSeconds < 0) {
      throw new IllegalArgumentException("minSeconds must not be negative, got " + minSeconds);
    }
    this.solr = solr;
    this.local = local;
    this.work = work;
    this.minSeconds = minSeconds;
  }

  public Report run(VectorSet set) {
    int[][] truth = ExactKnn.truth(set.vectors(), set.queries(), K);
    List<Result> results = new ArrayList<>();
    results.add(measure("embedded", new IndexRoot(work.resolve("embedded")), set, truth));
    for (int shards : new int[] {1, 2}) {
      solr.setup(new CollectionLayout(shards, 1));
      results.add(measure("solr " + shards + " shard" + (shards > 1 ? "s" : ""), solr, set, truth));
    }
    return new Report(
        set.description(),
        set.vectors().length,
        set.dimension(),
        set.queries().length,
        results,
        peakResidentMiB(ProcessHandle.current().pid()),
        local.map(LocalSolrCloud::heapMiB).orElse(-1),
        local.map(cloud -> peakResidentMiB(cloud.process().pid())).orElse(-1L));
  }

  private Result measure(String name, GalleryIndex index, VectorSet set, int[][] truth) {
    long start = System.nanoTime();
    try (NewBuild build =
        index.startBuild(MODEL, set.dimension(), HnswParams.DEFAULT, Instant.now())) {
      float[][] vectors = set.vectors();
      try (ProgressBar progress =
          new ProgressBarBuilder()
              .setTaskName("index " + name)
              .setInitialMax(vectors.length)
              .setUnit(" vectors", 1)
              .showSpeed()
              .build()) {
        for (int row = 0; row < vectors.length; row++) {
          build.add(entry(row, vectors[row]));
          if (row % 1000 == 999) {
            progress.stepTo(row + 1);
          }
        }
        progress.stepTo(vectors.length);
        // Lucene merges to one segment here, Solr flushes and opens a searcher: part of the time.
        progress.setExtraMessage("commit");
        build.commit();
      }
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      long bytes = index instanceof IndexRoot root ? size(root.dir()) : solrBytes(build.name());

      float[][] queries = set.queries();
      double found = 0;
      for (int q = 0; q < queries.length; q++) {
        found += VectorBenchmark.overlap(truth[q], rows(build.nearest(queries[q], K)));
      }
      // Warm-up as long as the timing: the JIT, Solr's request path and the index's pages.
      long warmUp = System.nanoTime();
      do {
        for (float[] query : queries) {
          build.nearest(query, K);
        }
      } while (System.nanoTime() - warmUp < minSeconds * 1e9);

      List<Double> latencies = new ArrayList<>();
      long oneStart = System.nanoTime();
      do {
        for (float[] query : queries) {
          long t = System.nanoTime();
          build.nearest(query, K);
          latencies.add((System.nanoTime() - t) / 1e6);
        }
      } while (System.nanoTime() - oneStart < minSeconds * 1e9);
      double qps1 = latencies.size() / ((System.nanoTime() - oneStart) / 1e9);
      double qps4 = concurrent(build, queries);
      double[] millis = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return new Result(
          name,
          buildSeconds,
          bytes,
          found / ((double) K * queries.length),
          VectorBenchmark.percentile(millis, 0.50),
          VectorBenchmark.percentile(millis, 0.99),
          qps1,
          qps4);
    }
  }

  private static IndexEntry entry(int row, float[] vector) {
    String id = Integer.toString(row);
    return new IndexEntry(
        new GalleryImage("v", id, Path.of(id), GallerySource.LFW), id, vector, MODEL);
  }

  /** The rows of the hits: each image is named by the row it was indexed from. */
  static int[] rows(List<Neighbour> hits) {
    return hits.stream().mapToInt(hit -> Integer.parseInt(hit.image().image())).toArray();
  }

  /**
   * {@value #CLIENTS} clients each querying in a loop, starting at different queries, until {@code
   * minSeconds} have passed (each finishes its current pass): queries answered per second.
   */
  private double concurrent(NewBuild build, float[][] queries) {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      long start = System.nanoTime();
      List<Future<Integer>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int offset = c * queries.length / CLIENTS;
        running.add(
            pool.submit(
                () -> {
                  int answered = 0;
                  do {
                    for (int q = 0; q < queries.length; q++) {
                      build.nearest(queries[(q + offset) % queries.length], K);
                    }
                    answered += queries.length;
                  } while (System.nanoTime() - start < minSeconds * 1e9);
                  return answered;
                }));
      }
      long answered = 0;
      for (Future<Integer> f : running) {
        answered += f.get();
      }
      return answered / ((System.nanoTime() - start) / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while benchmarking", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "a concurrent query failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The collection's index files on the local cluster's disks (every replica is one copy). */
  private long solrBytes(String buildName) {
    if (local.isEmpty()) {
      return -1;
    }
    String collection = solr.alias() + "_" + buildName + "_shard";
    try (Stream<Path> tree = Files.walk(local.get().dir())) {
      return tree.filter(Files::isRegularFile)
          .filter(
              p -> p.toString().contains("/" + collection) && p.toString().contains("/data/index"))
          .mapToLong(SolrBenchmark::sizeOf)
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long peakResidentMiB(long pid) {
    try {
      return WebLoadBenchmark.statusKib(pid, "VmHWM") / 1024;
    } catch (RuntimeException e) {
      return -1; // not Linux, or the process is gone: the figure is simply not printed
    }
  }

  private static long size(Path dir) {
    try (Stream<Path> tree = Files.walk(dir)) {
      return tree.filter(Files::isRegularFile).mapToLong(SolrBenchmark::sizeOf).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
