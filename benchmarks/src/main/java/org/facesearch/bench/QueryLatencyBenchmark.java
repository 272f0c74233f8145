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
      String detector,
      String modelId,
      int photos,
      int noFace,
      double p50Millis,
      double p99Millis,
      double meanMillis,
      double readP50Millis,
      double embedSearchP50Millis) {}

  /** A detector to time: its name and how to open a reader with it. */
  public record Contender(String name, Supplier<FaceReader> open) {}

  /**
   * Times every photo once per detector (after {@link #WARM_UP} untimed ones each), reading each
   * file per query as a server reads an upload. The detectors take turns photo by photo, so a
   * machine whose load changes during the run slows them alike and their ratios hold.
   */
  public List<Report> run(List<Contender> contenders, List<Path> photos) {
    if (photos.isEmpty() || contenders.isEmpty()) {
      throw new IllegalArgumentException("no photos or no detectors to time");
    }
    LookAlikeQuery query = new LookAlikeQuery(5, false, false);
    int n = contenders.size();
    double[][] total = new double[n][photos.size()];
    List<List<Double>> reads = new ArrayList<>();
    List<List<Double>> searches = new ArrayList<>();
    int[] noFace = new int[n];
    List<FaceReader> readers = new ArrayList<>();
    List<GallerySearcher> searchers = new ArrayList<>();
    try {
      for (Contender c : contenders) {
        FaceReader faces = c.open().get();
        readers.add(faces);
        searchers.add(new GallerySearcher(index, embedder, faces, OptionalDouble.empty()));
        reads.add(new ArrayList<>());
        searches.add(new ArrayList<>());
      }
      for (int i = 0; i < Math.min(WARM_UP, photos.size()); i++) {
        for (GallerySearcher searcher : searchers) {
          try {
            searcher.lookAlikes(Photo.read(photos.get(i)), query);
          } catch (NoFaceException e) {
            // warm-up only
          }
        }
      }
      for (int i = 0; i < photos.size(); i++) {
        for (int k = 0; k < n; k++) {
          long start = System.nanoTime();
          Photo photo = Photo.read(photos.get(i));
          try {
            FramedFace framed = readers.get(k).read(photo);
            long read = System.nanoTime();
            searchers.get(k).lookAlikes(photo, framed, query);
            long end = System.nanoTime();
            reads.get(k).add((read - start) / 1e6);
            searches.get(k).add((end - read) / 1e6);
            total[k][i] = (end - start) / 1e6;
          } catch (NoFaceException e) {
            noFace[k]++;
            total[k][i] = (System.nanoTime() - start) / 1e6;
          }
        }
      }
    } finally {
      searchers.forEach(GallerySearcher::close);
      readers.forEach(FaceReader::close);
    }
    List<Report> reports = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double[] sorted = total[k].clone();
      Arrays.sort(sorted);
      reports.add(
          new Report(
              contenders.get(k).name(),
              embedder.modelId(),
              photos.size(),
              noFace[k],
              VectorBenchmark.percentile(sorted, 0.50),
              VectorBenchmark.percentile(sorted, 0.99),
              Arrays.stream(sorted).average().orElseThrow(),
              median(reads.get(k)),
              median(searches.get(k))));
    }
    return reports;
  }

  private static double median(List<Double> millis) {
    if (millis.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return VectorBenchmark.percentile(sorted, 0.50);
  }
}
