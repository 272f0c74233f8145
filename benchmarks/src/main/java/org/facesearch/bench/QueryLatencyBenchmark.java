package org.facesearch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.face.NoFaceException;
import org.facesearch.data.face.Photo;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.model.Embedder;
import org.facesearch.searcher.GallerySearcher;
import org.facesearch.searcher.LookAlikeQuery;

/**
 * What a user waits for: photo file bytes to look-alikes (decode, detect, align, embed, search,
 * group by person), one query at a time on the calling thread, per detector, on the photos given
 * (e.g. the placed-face set of {@code bench detect}, larger and more cluttered than LFW's own
 * images). The time is split at the framed face: decode + detect + align, then embed + search.
 */
public final class QueryLatencyBenchmark {
  /** Photos run untimed first, so the figures exclude JIT and native warm-up. */
  static final int WARM_UP = 20;

  private final GalleryIndex index;
  private final Embedder embedder;

  public QueryLatencyBenchmark(GalleryIndex index, Embedder embedder) {
    this.index = Objects.requireNonNull(index, "index");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
  }

  /**
   * Milliseconds per query with one detector: p50 and p99 of the whole, and p50 of each part.
   * {@code noFace} photos stop at the detector, which is part of the time too.
   */
  public record Report(
      String detector, String modelId, int photos, int noFace, double p50Millis, double p99Millis,
      double meanMillis, double readP50Millis, double embedSearchP50Millis) {}

  /**
   * Times every photo once (after {@link #WARM_UP} untimed ones), reading each file per query as a
   * server reads an upload.
   */
  public Report run(String detector, Supplier<FaceReader> open, List<Path> photos) {
    if (photos.isEmpty()) {
      throw new IllegalArgumentException("no photos to time");
    }
    LookAlikeQuery query = new LookAlikeQuery(5, false, false);
    double[] total = new double[photos.size()];
    List<Double> reads = new ArrayList<>();
    List<Double> searches = new ArrayList<>();
    int noFace = 0;
    try (FaceReader faces = open.get();
        GallerySearcher searcher = new GallerySearcher(index, embedder, faces, OptionalDouble.empty())) {
      for (int i = 0; i < Math.min(WARM_UP, photos.size()); i++) {
        try {
          searcher.lookAlikes(Photo.read(photos.get(i)), query);
        } catch (NoFaceException e) {
          // warm-up only
        }
      }
      for (int i = 0; i < photos.size(); i++) {
        long start = System.nanoTime();
        Photo photo = Photo.read(photos.get(i));
        try {
          FramedFace framed = faces.read(photo);
          long read = System.nanoTime();
          searcher.lookAlikes(photo, framed, query);
          long end = System.nanoTime();
          reads.add((read - start) / 1e6);
          searches.add((end - read) / 1e6);
          total[i] = (end - start) / 1e6;
        } catch (NoFaceException e) {
          noFace++;
          total[i] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    Arrays.sort(total);
    return new Report(
        detector, embedder.modelId(), photos.size(), noFace,
        VectorBenchmark.percentile(total, 0.50), VectorBenchmark.percentile(total, 0.99),
        Arrays.stream(total).average().orElseThrow(), median(reads), median(searches));
  }

  private static double median(List<Double> millis) {
    if (millis.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return VectorBenchmark.percentile(sorted, 0.50);
  }
}
