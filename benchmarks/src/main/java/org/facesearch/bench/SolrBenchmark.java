package org.facesearch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.facesearch.indexer.GalleryImage;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.GallerySource;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexEntry;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.NewBuild;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.solr.CollectionLayout;
import org.facesearch.solr.SolrGallery;

/**
 * The embedded Lucene index against SolrCloud collections of 1 and 2 shards, on the same vectors
 * and queries, through the same {@link GalleryIndex} code a build and its self-check use: index
 * time (adding and committing, Lucene also merging to one segment), size on disk per replica,
 * recall@10 against exact search, p50/p99 latency of one client, and queries per second with 1 and
 * 4 concurrent clients.
 *
 * <p>Not measured: network latency (everything is on one machine, so SolrCloud's numbers include
 * its HTTP and JSON costs but no wire), Solr with more nodes than the machine has cores, and Solr
 * sizes on a cluster this benchmark did not start (it cannot see their disks).
 */
public final class SolrBenchmark {
  static final int K = 10;
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

  /** All figures, and SolrCloud's ratios to the embedded index. */
  public record Report(
      String vectors, int size, int dimension, int queries, List<Result> results) {}

  private final SolrGallery solr;
  private final Optional<Path> clusterDir;
  private final Path work;

  /**
   * @param solr where the SolrCloud collections are built (under their own alias and configset)
   * @param clusterDir the local cluster's folder, to measure sizes; empty for a remote cluster
   * @param work a folder for the embedded index
   */
  public SolrBenchmark(SolrGallery solr, Optional<Path> clusterDir, Path work) {
    this.solr = solr;
    this.clusterDir = clusterDir;
    this.work = work;
  }

  public Report run(VectorSet set) {
    int[][] exact = exact(set);
    List<Result> results = new ArrayList<>();
    results.add(measure("embedded", new IndexRoot(work.resolve("embedded")), set, exact, 1));
    for (int shards : new int[] {1, 2}) {
      solr.setup(new CollectionLayout(shards, 1));
      results.add(
          measure("solr " + shards + " shard" + (shards > 1 ? "s" : ""), solr, set, exact, shards));
    }
    return new Report(
        set.description(), set.vectors().length, set.dimension(), set.queries().length, results);
  }

  private static int[][] exact(VectorSet set) {
    ExactKnn exact = new ExactKnn();
    exact.build(set.vectors());
    return Arrays.stream(set.queries()).map(q -> exact.search(q, K, K)).toArray(int[][]::new);
  }

  private Result measure(
      String name, GalleryIndex index, VectorSet set, int[][] exact, int shards) {
    long start = System.nanoTime();
    try (NewBuild build =
        index.startBuild(MODEL, set.dimension(), HnswParams.DEFAULT, Instant.now())) {
      float[][] vectors = set.vectors();
      for (int row = 0; row < vectors.length; row++) {
        String id = Integer.toString(row);
        build.add(
            new IndexEntry(
                new GalleryImage("v", id, Path.of(id), GallerySource.LFW),
                id,
                vectors[row],
                MODEL));
      }
      build.commit();
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      long bytes = index instanceof IndexRoot root ? size(root.dir()) : solrBytes(build.name());

      float[][] queries = set.queries();
      // One pass to warm caches and JIT, not timed.
      for (float[] query : queries) {
        build.nearest(query, K);
      }
      double[] latencies = new double[queries.length];
      int found = 0;
      long oneStart = System.nanoTime();
      for (int q = 0; q < queries.length; q++) {
        long t = System.nanoTime();
        List<Neighbour> hits = build.nearest(queries[q], K);
        latencies[q] = (System.nanoTime() - t) / 1e6;
        Set<Integer> truth = new HashSet<>();
        for (int row : exact[q]) {
          truth.add(row);
        }
        for (Neighbour hit : hits) {
          found += truth.contains(Integer.parseInt(hit.image().image())) ? 1 : 0;
        }
      }
      double qps1 = queries.length / ((System.nanoTime() - oneStart) / 1e9);
      double qps4 = concurrent(build, queries, 4);
      Arrays.sort(latencies);
      return new Result(
          name,
          buildSeconds,
          bytes,
          found / (double) (K * queries.length),
          latencies[latencies.length / 2],
          latencies[Math.min(latencies.length - 1, (int) Math.ceil(latencies.length * 0.99) - 1)],
          qps1,
          qps4);
    }
  }

  private static double concurrent(NewBuild build, float[][] queries, int clients) {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int offset = c;
        running.add(
            pool.submit(
                () -> {
                  for (int q = 0; q < queries.length; q++) {
                    build.nearest(queries[(q + offset * 7) % queries.length], K);
                  }
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      return clients * queries.length / ((System.nanoTime() - start) / 1e9);
    } catch (Exception e) {
      throw new IllegalStateException("a concurrent query failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The collection's index files on the local cluster's disks (every replica is one copy). */
  private long solrBytes(String buildName) {
    if (clusterDir.isEmpty()) {
      return -1;
    }
    String collection = solr.alias() + "_" + buildName + "_shard";
    try (Stream<Path> tree = Files.walk(clusterDir.get())) {
      return tree.filter(Files::isRegularFile)
          .filter(
              p -> p.toString().contains("/" + collection) && p.toString().contains("/data/index"))
          .mapToLong(SolrBenchmark::sizeOf)
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
