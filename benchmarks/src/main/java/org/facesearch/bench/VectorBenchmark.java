package org.facesearch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.facesearch.data.FileTrees;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.indexer.HnswParams;

/**
 * Exact brute force, Lucene HNSW (full precision and 8-bit quantised) and hnswlib's Java port on
 * the same vectors and queries: build time, size, recall@10 against exact, latency and queries per
 * second on one thread and on every core, at a sweep of search efforts (Lucene's candidate count,
 * hnswlib's efSearch), and Lucene/hnswlib ratios at the lowest effort each needs to reach the same
 * recall.
 */
public final class VectorBenchmark {
  static final int K = 10;

  /** Search efforts swept for the HNSW indexes; 10 is a plain k=10 search. */
  static final List<Integer> EFFORTS = List.of(10, 20, 40, 80, 160);

  /** Shortest single-thread timing per index and effort, unless a test asks for less. */
  private static final double MIN_SECONDS = 1.0;

  /** Recalls at which Lucene and hnswlib are compared. */
  static final List<Double> TARGET_RECALLS = List.of(0.90, 0.95, 0.98);

  private final HnswParams params;
  private final int threads;
  private final double minSeconds;

  public VectorBenchmark(HnswParams params, int threads) {
    this(params, threads, MIN_SECONDS);
  }

  VectorBenchmark(HnswParams params, int threads, double minSeconds) {
    if (threads < 1) {
      throw new InvalidSettingException(
          BenchSetting.THREADS, " must be at least 1, got " + threads);
    }
    this.params = params;
    this.threads = threads;
    this.minSeconds = minSeconds;
  }

  /** How long an index took to build and how big it is. */
  public record Build(String index, double seconds, long bytes, long heapBytes) {}

  /** One index at one search effort. Latencies are single-thread, per query. */
  public record Measurement(
      String index,
      int effort,
      double recallAt10,
      double p50Millis,
      double p99Millis,
      double qpsOneThread,
      double qpsAllThreads) {}

  /** Lucene against hnswlib at the lowest efforts where both reach {@code targetRecall}. */
  public record Ratio(double targetRecall, Measurement lucene, Measurement hnswlib) {
    public double qpsRatio() {
      return lucene.qpsOneThread() / hnswlib.qpsOneThread();
    }

    public double qpsAllThreadsRatio() {
      return lucene.qpsAllThreads() / hnswlib.qpsAllThreads();
    }

    public double p50Ratio() {
      return lucene.p50Millis() / hnswlib.p50Millis();
    }
  }

  public record Report(
      String vectors,
      int size,
      int dimension,
      int queries,
      int threads,
      String hnsw,
      List<Build> builds,
      List<Measurement> measurements,
      List<Ratio> ratios) {}

  public Report run(VectorSet set) {
    Path work;
    try {
      work = Files.createTempDirectory("facesearch-bench-vectors-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
    }
    List<Build> builds = new ArrayList<>();
    List<Measurement> measurements = new ArrayList<>();
    List<KnnIndex> indexes =
        List.of(
            new ExactKnn(),
            new LuceneKnn(withQuantized(false), work),
            new LuceneKnn(withQuantized(true), work),
            new HnswlibKnn(params));
    int steps = 1 + (indexes.size() - 1) * (1 + EFFORTS.size());
    try (ProgressBar progress =
            new ProgressBarBuilder().setTaskName("bench vectors").setInitialMax(steps).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      int[][] truth = null;
      for (KnnIndex index : indexes) {
        progress.setExtraMessage("build " + index.name());
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        index.build(set.vectors());
        double seconds = (System.nanoTime() - start) / 1e9;
        long heapBytes = Math.max(0, usedHeap() - heapBefore);
        builds.add(new Build(index.name(), seconds, index.bytes(), heapBytes));
        if (truth == null) {
          truth = new int[set.queries().length][];
          for (int q = 0; q < truth.length; q++) {
            truth[q] = index.search(set.queries()[q], K, K);
          }
        }
        for (int effort : index.tunable() ? EFFORTS : List.of(K)) {
          progress.setExtraMessage(index.name() + " effort " + effort);
          measurements.add(measure(index, effort, set.queries(), truth, pool));
          progress.step();
        }
        if (index.tunable()) {
          progress.step();
        }
        index.close();
      }
    } finally {
      indexes.forEach(KnnIndex::close);
      delete(work);
    }
    return new Report(
        set.description(),
        set.vectors().length,
        set.dimension(),
        set.queries().length,
        threads,
        withQuantized(false).toString(),
        builds,
        measurements,
        ratios(measurements));
  }

  private Measurement measure(
      KnnIndex index, int effort, float[][] queries, int[][] truth, ExecutorService pool) {
    // Warm up JIT and the pages of a memory-mapped index for as long as the timing itself: one
    // pass of a fast index is a few milliseconds, too short for the JIT, and the first effort
    // measured came out slower than the next. Brute force needs little, it is slow.
    if (index.tunable()) {
      long warmUpStart = System.nanoTime();
      do {
        for (float[] query : queries) {
          index.search(query, K, effort);
        }
      } while (System.nanoTime() - warmUpStart < minSeconds * 1e9);
    } else {
      for (int q = 0; q < Math.min(queries.length, 20); q++) {
        index.search(queries[q], K, effort);
      }
    }
    double found = 0;
    for (int q = 0; q < queries.length; q++) {
      found += overlap(truth[q], index.search(queries[q], K, effort));
    }
    // Whole passes over the queries until at least minSeconds, so fast indexes are not timed on
    // a few milliseconds of a shared machine.
    List<Double> latencies = new ArrayList<>();
    int passes = 0;
    long start = System.nanoTime();
    do {
      for (float[] query : queries) {
        long t = System.nanoTime();
        index.search(query, K, effort);
        latencies.add((System.nanoTime() - t) / 1e6);
      }
      passes++;
    } while (System.nanoTime() - start < minSeconds * 1e9);
    double oneThreadSeconds = (System.nanoTime() - start) / 1e9;
    double[] millis = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();

    inParallel(index, effort, queries, pool); // warms the pool's threads
    start = System.nanoTime();
    for (int pass = 0; pass < passes; pass++) {
      inParallel(index, effort, queries, pool);
    }
    double allThreadsSeconds = (System.nanoTime() - start) / 1e9;
    return new Measurement(
        index.name(),
        effort,
        found / ((double) queries.length * K),
        percentile(millis, 0.50),
        percentile(millis, 0.99),
        (double) passes * queries.length / oneThreadSeconds,
        (double) passes * queries.length / allThreadsSeconds);
  }

  /** Every query once, spread over the pool's threads. */
  private void inParallel(KnnIndex index, int effort, float[][] queries, ExecutorService pool) {
    List<Future<?>> shares = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      shares.add(
          pool.submit(
              () -> {
                for (int q = first; q < queries.length; q += threads) {
                  index.search(queries[q], K, effort);
                }
              }));
    }
    for (Future<?> share : shares) {
      try {
        share.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while benchmarking " + index.name(), e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            index.name() + " failed on a benchmark thread: " + e.getCause().getMessage(),
            e.getCause());
      }
    }
  }

  private HnswParams withQuantized(boolean quantized) {
    return new HnswParams(params.maxConnections(), params.beamWidth(), quantized);
  }

  static List<Ratio> ratios(List<Measurement> measurements) {
    List<Ratio> ratios = new ArrayList<>();
    for (double target : TARGET_RECALLS) {
      Optional<Measurement> lucene = cheapest(measurements, "lucene", target);
      Optional<Measurement> hnswlib = cheapest(measurements, "hnswlib", target);
      if (lucene.isPresent() && hnswlib.isPresent()) {
        ratios.add(new Ratio(target, lucene.get(), hnswlib.get()));
      }
    }
    return ratios;
  }

  private static Optional<Measurement> cheapest(
      List<Measurement> measurements, String index, double target) {
    return measurements.stream()
        .filter(m -> m.index().equals(index) && m.recallAt10() >= target)
        .min(Comparator.comparingInt(Measurement::effort));
  }

  /** How many of the exact neighbours {@code returned} holds: recall@k times k. */
  static int overlap(int[] exact, int[] returned) {
    int found = 0;
    for (int row : exact) {
      for (int r : returned) {
        if (r == row) {
          found++;
          break;
        }
      }
    }
    return found;
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void delete(Path tree) {
    try {
      FileTrees.deleteTree(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete the benchmark folder " + tree + ": " + e.getMessage(), e);
    }
  }
}
