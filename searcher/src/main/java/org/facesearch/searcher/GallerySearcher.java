package org.facesearch.searcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.face.Photo;
import org.facesearch.data.timing.Stage;
import org.facesearch.data.timing.StageTimes;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.GallerySource;
import org.facesearch.indexer.IndexedImage;
import org.facesearch.indexer.NearestPeople;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.ServingGallery;
import org.facesearch.indexer.ServingGallery.Snapshot;
import org.facesearch.model.Embedder;

/**
 * Look-alike search over the serving build of an index. Safe for concurrent queries; {@link
 * #refresh()} switches to a newer build (or picks up enrolments) without failing any query in
 * flight: each query holds the build it started on until it finishes.
 */
public final class GallerySearcher implements AutoCloseable {
  private final GalleryIndex root;
  private final PhotoEmbedder photos;
  private final OptionalDouble fixedThreshold;
  private final OptionalDouble modelThreshold;
  private final ServingGallery builds;
  private volatile Catalogued catalogued;
  private volatile Identified identified;

  /** The catalog of one snapshot, kept until another snapshot is served. */
  private record Catalogued(Snapshot snapshot, GalleryCatalog catalog) {}

  /**
   * The identification of one build, kept until another build is served: working it out re-checks
   * the look-alike fit's SHA-256, which a query need not repeat.
   */
  private record Identified(Build build, Identification identification) {}

  /**
   * Opens the serving build; an open-set search uses {@code threshold} whatever the build.
   *
   * @param threshold a verification threshold (cosine similarity) for open-set searches
   * @throws org.facesearch.indexer.IndexNotFoundException if nothing has been built yet
   * @throws org.facesearch.indexer.ModelMismatchException if the build was made with another model
   */
  public GallerySearcher(
      GalleryIndex root, Embedder embedder, FaceReader faces, OptionalDouble threshold) {
    this(root, embedder, faces, threshold, OptionalDouble.empty());
  }

  /**
   * Opens the serving build. An open-set search calls a face unknown below {@code fixedThreshold}
   * when given (a user's choice), else below the score at which the serving build's look-alike
   * calibration gives the first answer even odds, else below {@code modelThreshold}, the model's
   * 1:1 verification threshold (for builds without that calibration).
   *
   * @throws org.facesearch.indexer.IndexNotFoundException if nothing has been built yet
   * @throws org.facesearch.indexer.ModelMismatchException if the build was made with another model
   */
  public GallerySearcher(
      GalleryIndex root,
      Embedder embedder,
      FaceReader faces,
      OptionalDouble fixedThreshold,
      OptionalDouble modelThreshold) {
    this.root = root;
    this.photos = new PhotoEmbedder(embedder, faces);
    this.fixedThreshold = fixedThreshold;
    this.modelThreshold = modelThreshold;
    this.builds = root.serve(embedder.modelId());
  }

  /**
   * The people who look most like the face in {@code photo}.
   *
   * @throws org.facesearch.data.face.NoFaceException if the photo shows no face
   * @throws org.facesearch.data.image.InvalidImageException if it is not a usable image
   * @throws NoOpenSetThresholdException for an open-set query when no threshold is given, the model
   *     has none and the build's look-alike calibration gives none
   */
  public LookAlikeResult lookAlikes(Photo photo, LookAlikeQuery query) {
    return lookAlikes(photo, photos.read(photo), query);
  }

  /**
   * As {@link #lookAlikes(Photo, LookAlikeQuery)} for a face the caller has already read from
   * {@code photo} (e.g. to show it), so the photo is not decoded and searched for a face twice.
   */
  public LookAlikeResult lookAlikes(Photo photo, FramedFace framed, LookAlikeQuery query) {
    if (query.openSet() && !decidesOpenSet()) {
      throw noThreshold(); // before the embedding
    }
    EmbeddedFace face = photos.embed(framed);
    Optional<String> exclude =
        query.excludeImage() ? Optional.of(photo.sha256()) : Optional.empty();
    Snapshot serving = acquire();
    try {
      Identification identification = identification(serving);
      OptionalDouble threshold =
          query.openSet() ? openSetThreshold(identification) : OptionalDouble.empty();
      if (query.openSet() && threshold.isEmpty()) {
        throw noThreshold(serving);
      }
      List<LookAlike> results =
          StageTimes.time(
              Stage.SEARCH,
              () -> lookAlikes(serving, identification, face.embedding(), query, exclude));
      return new LookAlikeResult(face.face(), results, threshold, identification);
    } finally {
      release(serving);
    }
  }

  /**
   * Whether an open-set search can decide "unknown" now: with a given or model threshold, or a
   * serving build with a look-alike calibration.
   */
  public boolean decidesOpenSet() {
    if (fixedThreshold.isPresent() || modelThreshold.isPresent()) {
      return true;
    }
    Snapshot serving = acquire();
    try {
      return identification(serving).evenOddsScore().isPresent();
    } finally {
      release(serving);
    }
  }

  /**
   * How sure the answers of {@code serving}'s build are, worked out by the first query on that
   * build (after the searcher opens, or after a {@link #refresh} onto a new one). Keyed by the
   * build rather than set by {@code refresh}: a query still running on the previous build must keep
   * that build's identification. An enrolment reopens the same build, equal to the one before, so
   * it keeps its identification too.
   */
  private Identification identification(Snapshot serving) {
    Identified known = identified;
    if (known == null || !Objects.equals(known.build(), serving.build())) {
      known = new Identified(serving.build(), Identification.of(serving.build()));
      identified = known;
    }
    return known.identification();
  }

  private OptionalDouble openSetThreshold(Identification identification) {
    if (fixedThreshold.isPresent()) {
      return fixedThreshold;
    }
    OptionalDouble evenOdds = identification.evenOddsScore();
    return evenOdds.isPresent() ? evenOdds : modelThreshold;
  }

  private NoOpenSetThresholdException noThreshold() {
    Snapshot serving = acquire();
    try {
      return noThreshold(serving);
    } finally {
      release(serving);
    }
  }

  private NoOpenSetThresholdException noThreshold(Snapshot serving) {
    Identification identification = identification(serving);
    return new NoOpenSetThresholdException(
        "an open-set search needs the index's look-alike calibration or the model's verification"
            + " threshold, and index build "
            + serving.build().name()
            + (identification.unavailable().isPresent()
                ? " has no usable look-alike calibration"
                : "'s look-alike calibration gives no score at even odds")
            + " while model "
            + photos.modelId()
            + " has no threshold (metrics.threshold in its model.json)",
        identification.unavailable().map(Identification.Unavailable::reason));
  }

  /** The nearest gallery images grouped by person: each person once, with their best image. */
  List<LookAlike> lookAlikes(
      float[] embedding, LookAlikeQuery query, Optional<String> excludeSha256) {
    Snapshot serving = acquire();
    try {
      return lookAlikes(serving, identification(serving), embedding, query, excludeSha256);
    } finally {
      release(serving);
    }
  }

  private List<LookAlike> lookAlikes(
      Snapshot serving,
      Identification identification,
      float[] embedding,
      LookAlikeQuery query,
      Optional<String> excludeSha256) {
    List<Neighbour> neighbours = serving.nearest(embedding, query.candidates(), excludeSha256);
    List<LookAlike> results = new ArrayList<>();
    for (Neighbour best : NearestPeople.of(neighbours, query.top())) {
      IndexedImage image = best.image();
      results.add(
          new LookAlike(
              image.identity(),
              best.score(),
              image.image(),
              file(serving.build(), image),
              image.sha256(),
              identification.probability(results.size() + 1, best.score())));
    }
    return results;
  }

  /**
   * Serves the build {@code CURRENT} names now, if it changed (or was enrolled into) since the last
   * call. Queries already running finish on the build they started with.
   *
   * @return whether another build (or a newer state of the same one) is now served
   * @throws org.facesearch.indexer.ModelMismatchException if the new build was made with another
   *     model; the previous build keeps serving
   */
  public boolean refresh() {
    return builds.refresh();
  }

  /** The build being served. */
  public Build build() {
    Snapshot serving = acquire();
    try {
      return serving.build();
    } finally {
      release(serving);
    }
  }

  /** Who and what the serving build holds; read once per build. */
  public GalleryCatalog catalog() {
    Snapshot serving = acquire();
    try {
      Catalogued known = catalogued;
      if (known == null || known.snapshot() != serving) {
        known =
            new Catalogued(
                serving,
                GalleryCatalog.read(serving.images(), image -> file(serving.build(), image)));
        catalogued = known;
      }
      return known.catalog();
    } finally {
      release(serving);
    }
  }

  /** The build a query would use now, with a reference the caller must {@link #release}. */
  Snapshot acquire() {
    return builds.acquire();
  }

  void release(Snapshot serving) {
    builds.release(serving);
  }

  private Path file(Build build, IndexedImage image) {
    Path base = image.source() == GallerySource.LFW ? build.manifest().dataRootPath() : root.dir();
    return base.resolve(image.image());
  }

  /** Closes the served build once its running queries finish. */
  @Override
  public void close() {
    builds.close();
  }
}
