package org.facesearch.web;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.facesearch.data.face.FaceReader;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.searcher.GallerySearcher;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.ModelSource;
import org.facesearch.searcher.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server searches: the index's serving build with its model, kept current while the server
 * runs. Every {@code refreshEvery} it follows {@code CURRENT}: a new build made with the same model
 * is swapped in by the searcher; one made with another model (when the server takes its model from
 * the index) gets a new engine. Requests hold the engine they started on until they finish, so no
 * swap fails a request. A refresh that fails keeps the old engine serving and is reported by {@link
 * #problem()}.
 */
public final class LiveGallery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveGallery.class);

  /**
   * Faces one forward pass may carry across concurrent requests (a query has one, a verify two).
   */
  public static final int DEFAULT_MAX_BATCH = 32;

  private final GalleryIndex root;
  private final Optional<LoadedModel> fixedModel;
  private final Double thresholdOverride;
  private final FaceReader faces;
  private final int maxBatch;
  private final AtomicReference<Engine> engine = new AtomicReference<>();
  private final ScheduledExecutorService refresher;
  private volatile String problem;

  private LiveGallery(
      GalleryIndex root,
      Optional<LoadedModel> fixedModel,
      Double thresholdOverride,
      FaceReader faces,
      int maxBatch) {
    this.root = root;
    this.fixedModel = fixedModel;
    this.thresholdOverride = thresholdOverride;
    this.faces = faces;
    this.maxBatch = maxBatch;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().daemon().name("facesearch-index-refresh").unstarted(task));
  }

  /**
   * Opens the index's serving build, or waits for one when nothing is built yet.
   *
   * @param model a model bundle folder or built-in model name; null to use the model the serving
   *     build was made with (and follow it when a re-index changes it)
   * @param threshold a verification threshold overriding the model's, or null
   * @param maxBatch the most faces concurrent requests share one forward pass with (1: none)
   * @throws org.facesearch.indexer.ModelMismatchException if the index was built with another model
   *     than {@code model}
   * @throws org.facesearch.model.bundle.InvalidModelBundleException if the model cannot be loaded
   */
  public static LiveGallery open(
      GalleryIndex root,
      String model,
      Double threshold,
      FaceReader faces,
      int maxBatch,
      Duration refreshEvery) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("the largest batch must be at least 1, got " + maxBatch);
    }
    if (threshold != null && !(threshold >= -1 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "a verification threshold is a cosine similarity in -1..1, got " + threshold);
    }
    Optional<LoadedModel> fixed =
        Optional.ofNullable(model).map(name -> ModelSource.load(name).batching(maxBatch));
    LiveGallery gallery = new LiveGallery(root, fixed, threshold, faces, maxBatch);
    try {
      gallery.refreshOrThrow();
    } catch (RuntimeException e) {
      gallery.close();
      throw e;
    }
    long millis = refreshEvery.toMillis();
    gallery.refresher.scheduleWithFixedDelay(
        gallery::refresh, millis, millis, TimeUnit.MILLISECONDS);
    return gallery;
  }

  /**
   * The engine to answer one request with; close the lease when done.
   *
   * @throws NotReadyException if there is no index (and no model) yet
   */
  public Lease lease() {
    while (true) {
      Engine current = engine.get();
      if (current == null) {
        throw new NotReadyException(noIndexMessage());
      }
      if (current.tryAcquire()) {
        return new Lease(current, this::noIndexMessage);
      }
    }
  }

  /** What went wrong in the last refresh, if it failed; empty when all is well. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  public GalleryIndex root() {
    return root;
  }

  /** Follows {@code CURRENT} now; errors are logged and kept for {@link #problem()}. */
  public void refresh() {
    try {
      refreshOrThrow();
    } catch (RuntimeException e) {
      String message = describe(e);
      if (!message.equals(problem)) {
        LOG.warn("index refresh failed, still serving the previous build: {}", message);
      }
      problem = message;
    }
  }

  /** The library says what is wrong; the web page adds what the person running it can do. */
  private static String describe(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof org.facesearch.indexer.ModelMismatchException) {
      return message
          + "; re-index the gallery with the model in use, or serve it with the model it was built"
          + " with";
    }
    if (e instanceof org.facesearch.indexer.InvalidIndexException invalid
        && invalid.settingMessage().isEmpty()) {
      return message
          + "; build a new index of the gallery (the server picks it up without a restart)";
    }
    return message;
  }

  private synchronized void refreshOrThrow() {
    Optional<Build> build = root.current();
    Engine current = engine.get();
    if (build.isEmpty()) {
      if (current == null && fixedModel.isPresent()) {
        install(engine(fixedModel.get(), Optional.empty(), false));
      }
      problem = null;
      return;
    }
    if (current != null && current.searcher().isPresent() && servesModelOf(current, build.get())) {
      current.searcher().get().refresh();
      problem = null;
      return;
    }
    if (fixedModel.isPresent()) {
      GallerySearcher searcher = newSearcher(fixedModel.get());
      install(engine(fixedModel.get(), Optional.of(searcher), false));
    } else {
      LoadedModel model = ModelSource.load(build.get().manifest().modelSource()).batching(maxBatch);
      try {
        install(engine(model, Optional.of(newSearcher(model)), true));
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
    }
    LOG.info(
        "serving build {} with model {}",
        build.get().name(),
        engine.get().model().embedder().modelId());
    problem = null;
  }

  private static boolean servesModelOf(Engine engine, Build build) {
    return build.manifest().modelId().equals(engine.model().embedder().modelId());
  }

  private GallerySearcher newSearcher(LoadedModel model) {
    return new GallerySearcher(
        root,
        model.embedder(),
        faces,
        thresholdOverride == null ? OptionalDouble.empty() : OptionalDouble.of(thresholdOverride),
        model.threshold(null));
  }

  private Engine engine(LoadedModel model, Optional<GallerySearcher> searcher, boolean ownsModel) {
    return new Engine(model, model.threshold(thresholdOverride), searcher, faces, ownsModel);
  }

  private void install(Engine next) {
    Engine previous = engine.getAndSet(next);
    if (previous != null) {
      previous.release();
    }
  }

  private String noIndexMessage() {
    return "no index yet at "
        + root.dir()
        + "; build one with `facesearch index` (the server picks it up"
        + " without a restart)";
  }

  /** Stops following the index and closes the engine once its last request finishes. */
  @Override
  public void close() {
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      Engine last = engine.getAndSet(null);
      if (last != null) {
        last.release();
      }
    }
    fixedModel.ifPresent(LoadedModel::close);
  }

  /** One request's hold on an engine. */
  public static final class Lease implements AutoCloseable {
    private final Engine engine;
    private final Supplier<String> noIndex;
    private boolean closed;

    private Lease(Engine engine, Supplier<String> noIndex) {
      this.engine = engine;
      this.noIndex = noIndex;
    }

    public LoadedModel model() {
      return engine.model();
    }

    /** The verification threshold in use, if any. */
    public OptionalDouble threshold() {
      return engine.threshold();
    }

    /**
     * @throws NotReadyException if no index has been built yet
     */
    public GallerySearcher searcher() {
      return engine.searcher().orElseThrow(() -> new NotReadyException(noIndex.get()));
    }

    /** Whether an index is being served. */
    public boolean hasIndex() {
      return engine.searcher().isPresent();
    }

    /**
     * @throws NotReadyException if the model has no verification threshold
     */
    public Verifier verifier() {
      return engine
          .verifier()
          .orElseThrow(
              () ->
                  new NotReadyException(
                      "this server's model ("
                          + engine.model().embedder().modelId()
                          + ") has no calibrated verification threshold, so it cannot tell whether"
                          + " two photos show the same person; the server's operator can give it"
                          + " one"));
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        engine.release();
      }
    }
  }
}
