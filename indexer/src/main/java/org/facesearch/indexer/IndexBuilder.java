package org.facesearch.indexer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.setting.SettingMessage;
import org.facesearch.model.Embedder;

/**
 * Embeds a gallery into a new build and makes it the serving one. The build is written out of sight
 * ({@link NewBuild}), verified (document count, and ~20 sampled images each finding themselves
 * first), given its look-alike calibration ({@link LookAlikeSearches}), and only then published
 * with both in its manifest; a failure or a killed process at any point leaves the previous build
 * serving.
 */
public final class IndexBuilder {
  static final int BATCH_SIZE = 64;
  private static final int SELF_CHECKS = 20;

  private final GalleryIndex root;
  private final Embedder embedder;
  private final Embedder queryEmbedder;
  private final CropCache cache;

  /**
   * A builder whose gallery {@code embedder} embeds, as it embeds queries.
   *
   * @param cache where LFW's preprocessed crops are kept between builds
   */
  public IndexBuilder(GalleryIndex root, Embedder embedder, CropCache cache) {
    this(root, embedder, embedder, cache);
  }

  /**
   * A builder whose gallery {@code gallery} embeds, for queries {@code queries} embeds (a model's
   * teacher in its space, {@link GalleryVectors#TEACHER}, and the model): the look-alike
   * calibration's searches are then embedded by {@code queries}, as a real query is.
   *
   * @throws IllegalArgumentException if the two are not in one space (model id and dimension)
   */
  public IndexBuilder(GalleryIndex root, Embedder gallery, Embedder queries, CropCache cache) {
    if (!gallery.modelId().equals(queries.modelId())
        || gallery.dimension() != queries.dimension()) {
      throw new IllegalArgumentException(
          "a gallery embedded by "
              + gallery.modelId()
              + " ("
              + gallery.dimension()
              + " dimensions) cannot answer queries embedded by "
              + queries.modelId()
              + " ("
              + queries.dimension()
              + ")");
    }
    this.root = root;
    this.embedder = gallery;
    this.queryEmbedder = queries;
    this.cache = cache;
  }

  /**
   * Builds the gallery {@code settings} describe (LFW plus the enrolled folder) and serves it.
   *
   * @throws IndexBusyException if another build or enrolment is running on this index
   */
  public Build build(BuildSettings settings) {
    try (IndexLock held = root.lock()) {
      Gallery gallery = Gallery.load(settings.dataRoot(), settings.minFaces(), root.enrolled());
      return build(held, gallery, settings);
    }
  }

  /** Builds {@code gallery}; the caller holds the index lock. */
  Build build(IndexLock held, Gallery gallery, BuildSettings settings) {
    if (gallery.size() == 0) {
      throw new IllegalArgumentException(
          "nothing to index: "
              + gallery.dataRoot()
              + " has no people with at least "
              + gallery.minFaces()
              + " photos, and nobody is enrolled");
    }
    Instant createdAt = Instant.now();
    long start = System.nanoTime();
    try (NewBuild build =
        root.startBuild(embedder.modelId(), embedder.dimension(), settings.hnsw(), createdAt)) {
      List<LookAlikeSearches.Query> queries = new ArrayList<>();
      List<SelfCheck> checks = write(build, gallery, queries);
      verify(build, gallery.size(), checks, settings.hnsw());
      LookAlikeSearches.Fit lookAlike = calibrate(build, queries);
      return build.publish(
          BuildManifest.builder()
              .modelId(embedder.modelId())
              .modelSource(settings.modelSource())
              .dimension(embedder.dimension())
              .images(gallery.size())
              .identities(gallery.identities())
              .seconds((System.nanoTime() - start) / 1e9)
              .createdAt(createdAt.toString())
              .dataRoot(gallery.dataRoot().toString())
              .dataFingerprint(gallery.fingerprint())
              .minFaces(gallery.minFaces())
              .hnsw(settings.hnsw())
              .gallery(settings.gallery())
              .lookAlikeFit(lookAlike)
              .build());
    }
  }

  /** Runs the leave-one-out searches on the committed build, with a progress bar of their own. */
  private static LookAlikeSearches.Fit calibrate(
      NewBuild build, List<LookAlikeSearches.Query> queries) {
    try (ProgressBar progress = progressBar("Calibrating look-alikes", queries.size(), " search")) {
      return LookAlikeSearches.of(queries)
          .fit(
              (embedding, k) -> {
                progress.step();
                return build.nearest(embedding, k);
              });
    }
  }

  /** An embedded image kept aside to check that the finished index finds it first. */
  private record SelfCheck(GalleryImage image, float[] embedding) {}

  /**
   * Embeds and adds every image; keeps the self-checks it returns, and the look-alike calibration's
   * sampled images in {@code queries}.
   */
  private List<SelfCheck> write(
      NewBuild build, Gallery gallery, List<LookAlikeSearches.Query> queries) {
    List<GalleryImage> images = gallery.images();
    int stride = Math.max(1, images.size() / SELF_CHECKS);
    List<SelfCheck> checks = new ArrayList<>();
    Set<Integer> sampled = new HashSet<>(LookAlikeSearches.sample(images.size()));
    List<GalleryImage> toQuery = new ArrayList<>();
    try (GalleryCrops crops = new GalleryCrops(cache, gallery, embedder);
        PipelinedAdds adds = new PipelinedAdds(build);
        ProgressBar progress = progressBar("Indexing", images.size(), " img")) {
      for (int from = 0; from < images.size(); from += BATCH_SIZE) {
        List<GalleryCrops.Prepared> batch =
            crops.prepare(images.subList(from, Math.min(images.size(), from + BATCH_SIZE)));
        float[][] embeddings =
            EmbeddingRows.check(
                embedder,
                batch.size(),
                embedder.embed(batch.stream().map(GalleryCrops.Prepared::crop).toList()));
        List<IndexEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          GalleryCrops.Prepared prepared = batch.get(i);
          entries.add(
              new IndexEntry(
                  prepared.image(), prepared.sha256(), embeddings[i], embedder.modelId()));
          if ((from + i) % stride == 0 && checks.size() < SELF_CHECKS) {
            checks.add(new SelfCheck(prepared.image(), embeddings[i]));
          }
          if (sampled.contains(from + i)) {
            if (queryEmbedder == embedder) {
              queries.add(
                  new LookAlikeSearches.Query(
                      prepared.image().identity(), prepared.sha256(), embeddings[i]));
            } else {
              toQuery.add(prepared.image());
            }
          }
        }
        adds.add(entries);
        progress.stepBy(batch.size());
      }
      adds.finish();
    }
    if (!toQuery.isEmpty()) {
      queries.addAll(queryEmbeddings(gallery, toQuery));
    }
    build.commit();
    return checks;
  }

  /**
   * The calibration's sampled images as queries of the query model: each embedded from its own
   * crop, as a query photo of that person would be.
   */
  private List<LookAlikeSearches.Query> queryEmbeddings(
      Gallery gallery, List<GalleryImage> images) {
    List<LookAlikeSearches.Query> out = new ArrayList<>(images.size());
    try (GalleryCrops crops = new GalleryCrops(cache, gallery, queryEmbedder);
        ProgressBar progress = progressBar("Embedding look-alike queries", images.size(), " img")) {
      for (int from = 0; from < images.size(); from += BATCH_SIZE) {
        List<GalleryCrops.Prepared> batch =
            crops.prepare(images.subList(from, Math.min(images.size(), from + BATCH_SIZE)));
        float[][] embeddings =
            EmbeddingRows.check(
                queryEmbedder,
                batch.size(),
                queryEmbedder.embed(batch.stream().map(GalleryCrops.Prepared::crop).toList()));
        for (int i = 0; i < batch.size(); i++) {
          GalleryCrops.Prepared prepared = batch.get(i);
          out.add(
              new LookAlikeSearches.Query(
                  prepared.image().identity(), prepared.sha256(), embeddings[i]));
        }
        progress.stepBy(batch.size());
      }
    }
    return out;
  }

  private static void verify(
      NewBuild build, int expectedImages, List<SelfCheck> checks, HnswParams hnsw) {
    int count = build.count();
    if (count != expectedImages) {
      throw new BuildVerificationException(
          "the new index holds "
              + count
              + " images but "
              + expectedImages
              + " were embedded; it was discarded and the serving index is unchanged");
    }
    for (SelfCheck check : checks) {
      List<Neighbour> hits = build.nearest(check.embedding(), 10);
      if (!findsItselfFirst(hits, check.image())) {
        // Whitened embeddings (the LBP model's: unrelated faces near-orthogonal, one person's
        // photos at cosine 0.1-0.3) are hard for a sparse graph to navigate; a denser one finds
        // them (the LBP model's index failed with 16 links and a beam of 100, passed with 32 and
        // 400). The advice doubles whatever was used, so a second failure asks for more still.
        throw new BuildVerificationException(
            SettingMessage.of(
                "the new index does not find "
                    + check.image().image()
                    + " as its own nearest image (got "
                    + (hits.isEmpty() ? "nothing" : hits.getFirst().image().image())
                    + "); it was discarded and the serving index is unchanged. A denser graph"
                    + " finds such vectors more reliably: build again with ",
                IndexSetting.MAX_CONNECTIONS,
                " " + Math.max(32, 2 * hnsw.maxConnections()) + " and ",
                IndexSetting.BEAM_WIDTH,
                " " + Math.max(400, 2 * hnsw.beamWidth())));
      }
    }
  }

  /** The image must be among the hits tied for first place (exact duplicates tie with it). */
  private static boolean findsItselfFirst(List<Neighbour> hits, GalleryImage image) {
    if (hits.isEmpty()) {
      return false;
    }
    float best = hits.getFirst().score();
    return hits.stream()
        .anyMatch(
            h ->
                h.image().image().equals(image.image())
                    && h.image().source() == image.source()
                    && h.score() >= best - 1e-6f);
  }

  private static ProgressBar progressBar(String task, int steps, String unit) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(steps)
        .setUnit(unit, 1)
        .showSpeed()
        .build();
  }
}
