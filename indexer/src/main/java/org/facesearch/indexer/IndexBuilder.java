package org.facesearch.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.facesearch.data.cache.CropCache;
import org.facesearch.model.Embedder;

/**
 * Embeds a gallery into a new build and makes it the serving one. The build is written under a
 * {@code .tmp-} name, verified (document count, and ~20 sampled images each finding themselves
 * first), renamed into place, and only then does {@code CURRENT} switch; a failure or a killed
 * process at any point leaves the previous build serving.
 */
public final class IndexBuilder {
  static final int BATCH_SIZE = 64;
  private static final int SELF_CHECKS = 20;
  private static final double RAM_BUFFER_MB = 256;

  private final IndexRoot root;
  private final Embedder embedder;
  private final CropCache cache;

  /**
   * @param cache where LFW's preprocessed crops are kept between builds
   */
  public IndexBuilder(IndexRoot root, Embedder embedder, CropCache cache) {
    this.root = root;
    this.embedder = embedder;
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
    HnswParams hnsw = settings.hnsw();
    if (gallery.size() == 0) {
      throw new IllegalArgumentException(
          "nothing to index: "
              + gallery.dataRoot()
              + " has no people with at least "
              + gallery.minFaces()
              + " photos, and nobody is enrolled");
    }
    int maxDimensions = hnsw.vectorsFormat().getMaxDimensions(GalleryDocuments.EMBEDDING);
    if (embedder.dimension() > maxDimensions) {
      throw new IllegalArgumentException(
          "model "
              + embedder.modelId()
              + " produces "
              + embedder.dimension()
              + "-dimensional embeddings; the index supports at most "
              + maxDimensions);
    }
    Instant createdAt = Instant.now();
    long start = System.nanoTime();
    root.removeStaleTemporaries();
    String name = root.newBuildName(embedder.modelId(), createdAt);
    Path temporary = root.temporaryBuildDir(name);
    try {
      Files.createDirectories(temporary);
      List<SelfCheck> checks = write(temporary, gallery, hnsw);
      verify(temporary, gallery.size(), checks);
      BuildManifest manifest =
          new BuildManifest(
              embedder.modelId(),
              settings.modelSource(),
              embedder.dimension(),
              gallery.size(),
              gallery.identities(),
              (System.nanoTime() - start) / 1e9,
              createdAt.toString(),
              gallery.dataRoot().toString(),
              gallery.fingerprint(),
              gallery.minFaces(),
              hnsw);
      manifest.writeTo(temporary);
      IOUtils.fsync(temporary.resolve(BuildManifest.FILE), false);
      IOUtils.fsync(temporary, true);
      Path finished = root.buildsDir().resolve(name);
      Files.move(temporary, finished, StandardCopyOption.ATOMIC_MOVE);
      IOUtils.fsync(root.buildsDir(), true);
      Build build = new Build(name, finished, manifest);
      root.switchCurrent(build);
      return build;
    } catch (IOException e) {
      IndexRoot.discard(temporary);
      throw new UncheckedIOException(
          "cannot write the index build " + temporary + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      IndexRoot.discard(temporary);
      throw e;
    }
  }

  /** An embedded image kept aside to check that the finished index finds it first. */
  private record SelfCheck(GalleryImage image, float[] embedding) {}

  private List<SelfCheck> write(Path dir, Gallery gallery, HnswParams hnsw) throws IOException {
    List<GalleryImage> images = gallery.images();
    int stride = Math.max(1, images.size() / SELF_CHECKS);
    List<SelfCheck> checks = new ArrayList<>();
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setCodec(hnsw.codec())
            .setRAMBufferSizeMB(RAM_BUFFER_MB)
            .setCommitOnClose(false);
    try (GalleryCrops crops = new GalleryCrops(cache, gallery, embedder.preprocessing());
        Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, config);
        ProgressBar progress = progressBar(images.size())) {
      for (int from = 0; from < images.size(); from += BATCH_SIZE) {
        List<GalleryCrops.Prepared> batch =
            crops.prepare(images.subList(from, Math.min(images.size(), from + BATCH_SIZE)));
        float[][] embeddings =
            EmbeddingRows.check(
                embedder,
                batch.size(),
                embedder.embed(batch.stream().map(GalleryCrops.Prepared::crop).toList()));
        for (int i = 0; i < batch.size(); i++) {
          GalleryCrops.Prepared prepared = batch.get(i);
          writer.addDocument(
              GalleryDocuments.of(
                  prepared.image(), prepared.sha256(), embeddings[i], embedder.modelId()));
          if ((from + i) % stride == 0 && checks.size() < SELF_CHECKS) {
            checks.add(new SelfCheck(prepared.image(), embeddings[i]));
          }
        }
        progress.stepBy(batch.size());
      }
      writer.forceMerge(1);
      writer.setLiveCommitData(Map.of(GalleryDocuments.MODEL_ID, embedder.modelId()).entrySet());
      writer.commit();
    }
    return checks;
  }

  private static void verify(Path dir, int expectedImages, List<SelfCheck> checks)
      throws IOException {
    try (Directory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      if (reader.numDocs() != expectedImages) {
        throw new BuildVerificationException(
            "the new index holds "
                + reader.numDocs()
                + " images but "
                + expectedImages
                + " were embedded; it was discarded and the serving index is unchanged");
      }
      IndexSearcher searcher = new IndexSearcher(reader);
      for (SelfCheck check : checks) {
        List<Neighbour> hits =
            NearestImages.search(searcher, check.embedding(), 10, Optional.empty());
        if (!findsItselfFirst(hits, check.image())) {
          throw new BuildVerificationException(
              "the new index does not find "
                  + check.image().image()
                  + " as its own nearest image (got "
                  + (hits.isEmpty() ? "nothing" : hits.getFirst().image().image())
                  + "); it was discarded and the serving index is unchanged");
        }
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

  private static ProgressBar progressBar(int images) {
    return new ProgressBarBuilder()
        .setTaskName("Indexing")
        .setInitialMax(images)
        .setUnit(" img", 1)
        .showSpeed()
        .build();
  }
}
