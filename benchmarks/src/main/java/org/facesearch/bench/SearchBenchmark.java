package org.facesearch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.facesearch.data.FaceImage;
import org.facesearch.data.FileTrees;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.NoFaceException;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.lucene.GalleryDocuments;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.indexer.lucene.NearestImages;
import org.facesearch.model.Embedder;
import org.facesearch.searcher.GallerySearcher;
import org.facesearch.searcher.LookAlikeQuery;

/**
 * How fast and how exact search is on a real gallery: builds an index in a temporary folder
 * (images/s of embedding + HNSW construction + verification, with crops already cached), times the
 * production kNN path (HNSW, {@value #CANDIDATES} candidates, full-precision rescoring), and
 * measures recall@10 of HNSW against exact brute force over the very same vectors, both for a plain
 * k=10 search and for the top 10 of the {@value #CANDIDATES} candidates a look-alike query fetches.
 * Queries are gallery vectors picked with a seeded random generator. It also times whole look-alike
 * queries from a photo file (decode, detect, frame, embed, search, group by person), the latency a
 * user of {@code facesearch query} or the web API sees.
 */
public final class SearchBenchmark {
  /** What a look-alike query fetches before grouping by person. */
  static final int CANDIDATES = 100;

  private static final int RECALL_K = 10;
  private static final int WARM_UP = 200;

  private final Embedder embedder;
  private final CropCache cache;

  public SearchBenchmark(Embedder embedder, CropCache cache) {
    this.embedder = embedder;
    this.cache = cache;
  }

  /** The measured figures. Latencies are per query, in milliseconds. */
  public record Report(
      String modelId,
      int images,
      int dimension,
      String hnsw,
      double cacheSeconds,
      double buildSeconds,
      double buildImagesPerSecond,
      int queries,
      int candidates,
      double p50Millis,
      double p99Millis,
      double recallAt10,
      double recallAt10Of100Candidates,
      int photoQueries,
      double photoP50Millis,
      double photoP99Millis) {}

  /** Photos timed end to end; each takes tens of milliseconds, so fewer than kNN queries. */
  static final int PHOTO_QUERIES = 100;

  public Report run(BuildSettings settings, int queries, long seed) {
    if (queries < 1) {
      throw new InvalidSettingException(
          BenchSetting.QUERIES, " must be at least 1, got " + queries);
    }
    long cacheStart = System.nanoTime();
    embedder
        .cachedCrops(cache, LfwDataset.open(settings.dataRoot()).subset(settings.minFaces()))
        .close();
    double cacheSeconds = (System.nanoTime() - cacheStart) / 1e9;
    Path work;
    try {
      work = Files.createTempDirectory("facesearch-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a temporary index folder: " + e.getMessage(), e);
    }
    try {
      IndexRoot root = new IndexRoot(work);
      Build build = new IndexBuilder(root, embedder, cache).build(settings);
      Report knn;
      try (FSDirectory directory = FSDirectory.open(root.dir(build));
          DirectoryReader reader = DirectoryReader.open(directory)) {
        knn = measure(build, reader, queries, seed, cacheSeconds);
      }
      double[] photoMillis = timePhotoQueries(root, settings, seed);
      return new Report(
          knn.modelId(),
          knn.images(),
          knn.dimension(),
          knn.hnsw(),
          knn.cacheSeconds(),
          knn.buildSeconds(),
          knn.buildImagesPerSecond(),
          knn.queries(),
          knn.candidates(),
          knn.p50Millis(),
          knn.p99Millis(),
          knn.recallAt10(),
          knn.recallAt10Of100Candidates(),
          photoMillis.length,
          VectorBenchmark.percentile(photoMillis, 0.50),
          VectorBenchmark.percentile(photoMillis, 0.99));
    } catch (IOException e) {
      throw new UncheckedIOException("benchmark index failed: " + e.getMessage(), e);
    } finally {
      delete(work);
    }
  }

  private Report measure(
      Build build, DirectoryReader reader, int queries, long seed, double cacheSeconds)
      throws IOException {
    float[][] vectors = vectors(reader);
    List<String> images = images(reader);
    NearestImages nearest = new NearestImages(new IndexSearcher(reader));
    SplittableRandom random = new SplittableRandom(seed);
    int[] sample = random.ints(queries, 0, vectors.length).toArray();

    for (int i = 0; i < WARM_UP; i++) {
      nearest.search(vectors[sample[i % sample.length]], CANDIDATES, Optional.empty());
    }
    double[] millis = new double[queries];
    for (int i = 0; i < queries; i++) {
      long start = System.nanoTime();
      nearest.search(vectors[sample[i]], CANDIDATES, Optional.empty());
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);

    double found = 0;
    double foundAmongCandidates = 0;
    ExactKnn brute = new ExactKnn();
    brute.build(vectors);
    for (int query : sample) {
      int[] exact = brute.search(vectors[query], RECALL_K, RECALL_K);
      found += overlap(exact, images, nearest.search(vectors[query], RECALL_K, Optional.empty()));
      List<Neighbour> candidates = nearest.search(vectors[query], CANDIDATES, Optional.empty());
      foundAmongCandidates +=
          overlap(exact, images, candidates.subList(0, Math.min(RECALL_K, candidates.size())));
    }
    double seconds = build.manifest().seconds();
    return new Report(
        build.manifest().modelId(),
        vectors.length,
        build.manifest().dimension(),
        build.manifest().hnsw().toString(),
        cacheSeconds,
        seconds,
        vectors.length / seconds,
        queries,
        CANDIDATES,
        VectorBenchmark.percentile(millis, 0.50),
        VectorBenchmark.percentile(millis, 0.99),
        found / ((double) queries * RECALL_K),
        foundAmongCandidates / ((double) queries * RECALL_K),
        0,
        Double.NaN,
        Double.NaN);
  }

  /** Sorted milliseconds of photo-to-look-alikes queries on seeded gallery photo files. */
  private double[] timePhotoQueries(IndexRoot root, BuildSettings settings, long seed)
      throws IOException {
    List<FaceImage> gallery =
        LfwDataset.open(settings.dataRoot()).subset(settings.minFaces()).images();
    SplittableRandom random = new SplittableRandom(seed);
    LookAlikeQuery query = new LookAlikeQuery(5, false, false);
    int count = Math.min(PHOTO_QUERIES, gallery.size());
    double[] millis = new double[count];
    // The detector a user gets by default, with its model from the user's workspace.
    try (FaceReader faces =
            FaceReader.open(
                DetectorKind.DEFAULT,
                AssetStore.in(Workspace.fromEnvironment(System.getenv())),
                ImageLimits.DEFAULT);
        GallerySearcher searcher =
            new GallerySearcher(root, embedder, faces, OptionalDouble.empty())) {
      for (int i = 0; i < count + WARM_UP / 20; i++) {
        Photo photo = Photo.read(gallery.get(random.nextInt(gallery.size())).path());
        long start = System.nanoTime();
        try {
          searcher.lookAlikes(photo, query);
        } catch (NoFaceException e) {
          // Part of the work a user waits for too: the detector ran and found nothing.
        }
        if (i >= WARM_UP / 20) {
          millis[i - WARM_UP / 20] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    Arrays.sort(millis);
    return millis;
  }

  /** How many of the exact nearest documents the search returned. */
  private static int overlap(int[] exact, List<String> images, List<Neighbour> returned) {
    Set<String> approximate = new HashSet<>();
    for (Neighbour n : returned) {
      approximate.add(n.image().image());
    }
    int found = 0;
    for (int doc : exact) {
      if (approximate.contains(images.get(doc))) {
        found++;
      }
    }
    return found;
  }

  /** Every document's vector, by document id. */
  private static float[][] vectors(DirectoryReader reader) throws IOException {
    float[][] vectors = new float[reader.maxDoc()][];
    for (LeafReaderContext leaf : reader.leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(GalleryDocuments.EMBEDDING);
      KnnVectorValues.DocIndexIterator docs = values.iterator();
      for (int doc = docs.nextDoc();
          doc != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS;
          doc = docs.nextDoc()) {
        vectors[leaf.docBase + doc] = values.vectorValue(docs.index()).clone();
      }
    }
    return vectors;
  }

  private static List<String> images(DirectoryReader reader) throws IOException {
    StoredFields fields = reader.storedFields();
    List<String> images = new ArrayList<>(reader.maxDoc());
    for (int doc = 0; doc < reader.maxDoc(); doc++) {
      images.add(fields.document(doc).get(GalleryDocuments.IMAGE));
    }
    return images;
  }

  private static void delete(Path tree) {
    try {
      FileTrees.deleteTree(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete the benchmark index " + tree + ": " + e.getMessage(), e);
    }
  }
}
