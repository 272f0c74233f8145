package org.facesearch.searcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final OptionalDouble threshold;
  private final ServingGallery builds;
  private volatile Catalogued catalogued;

  /** The catalog of one snapshot, kept until another snapshot is served. */
  private record Catalogued(Snapshot snapshot, GalleryCatalog catalog) {}

  /**
   * Opens the serving build.
   *
   * @param threshold the model's verification threshold (cosine similarity), needed for open-set
   *     searches
   * @throws org.facesearch.indexer.IndexNotFoundException if nothing has been built yet
   * @throws org.facesearch.indexer.ModelMismatchException if the build was made with another model
   */
  public GallerySearcher(
      GalleryIndex root, Embedder embedder, FaceReader faces, OptionalDouble threshold) {
    this.root = root;
    this.photos = new PhotoEmbedder(embedder, faces);
    this.threshold = threshold;
    this.builds = root.serve(embedder.modelId());
  }

  /**
   * The people who look most like the face in {@code photo}.
   *
   * @throws org.facesearch.data.face.NoFaceException if the photo shows no face
   * @throws org.facesearch.data.image.InvalidImageException if it is not a usable image
   * @throws IllegalStateException for an open-set query when the model has no threshold
   */
  public LookAlikeResult lookAlikes(Photo photo, LookAlikeQuery query) {
    return lookAlikes(photo, photos.read(photo), query);
  }

  /**
   * As {@link #lookAlikes(Photo, LookAlikeQuery)} for a face the caller has already read from
   * {@code photo} (e.g. to show it), so the photo is not decoded and searched for a face twice.
   */
  public LookAlikeResult lookAlikes(Photo photo, FramedFace framed, LookAlikeQuery query) {
    if (query.openSet() && threshold.isEmpty()) {
      throw new IllegalStateException(
          "an open-set search needs the model's verification threshold, and model "
              + photos.modelId()
              + " has none (metrics.threshold in its model.json)");
    }
    EmbeddedFace face = photos.embed(framed);
    Optional<String> exclude =
        query.excludeImage() ? Optional.of(photo.sha256()) : Optional.empty();
    List<LookAlike> results =
        StageTimes.time(Stage.SEARCH, () -> lookAlikes(face.embedding(), query, exclude));
    return new LookAlikeResult(
        face.face(), results, query.openSet() ? threshold : OptionalDouble.empty());
  }

  /** The nearest gallery images grouped by person: each person once, with their best image. */
  List<LookAlike> lookAlikes(
      float[] embedding, LookAlikeQuery query, Optional<String> excludeSha256) {
    Snapshot serving = acquire();
    try {
      List<Neighbour> neighbours = serving.nearest(embedding, query.candidates(), excludeSha256);
      Map<String, Neighbour> bestPerPerson = new LinkedHashMap<>();
      for (Neighbour neighbour : neighbours) {
        bestPerPerson.putIfAbsent(neighbour.image().identity(), neighbour);
      }
      List<LookAlike> results = new ArrayList<>();
      for (Neighbour best : bestPerPerson.values()) {
        if (results.size() == query.top()) {
          break;
        }
        IndexedImage image = best.image();
        results.add(
            new LookAlike(
                image.identity(),
                best.score(),
                image.image(),
                file(serving.build(), image),
                image.sha256()));
      }
      return results;
    } finally {
      release(serving);
    }
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
