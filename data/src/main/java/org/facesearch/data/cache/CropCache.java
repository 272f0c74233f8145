package org.facesearch.data.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.Preprocessing;

/**
 * Preprocessed crops on disk, one file per (LFW folder, images, {@link Preprocessing}). The first
 * load decodes and crops everything (in parallel, with a progress bar); later loads map the file in
 * milliseconds. A file whose fingerprint no longer matches the data is rebuilt. Subsets come from
 * the dataset view passed in ({@code subset(20)}, {@code withIdentities(...)}).
 */
public final class CropCache {
  private static final String SUFFIX = ".crops";

  private final Path dir;
  private final CropCacheBuilder builder;

  /** A cache in {@code dir}, building with one thread per processor. */
  public CropCache(Path dir) {
    this(dir, Runtime.getRuntime().availableProcessors());
  }

  public CropCache(Path dir, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    this.builder = new CropCacheBuilder(new ImageDecoder(), threads);
  }

  /** The cache in the workspace's cache folder. */
  public static CropCache in(Workspace workspace) {
    return new CropCache(workspace.cacheDir());
  }

  public Path dir() {
    return dir;
  }

  /**
   * The crops of every image of {@code dataset}, built now if the cache has no current file.
   *
   * @throws org.facesearch.data.image.InvalidImageException naming an image that cannot be decoded
   *     (no cache file is left behind)
   */
  public CachedCrops load(LfwDataset dataset, Preprocessing preprocessing) {
    return load(dataset, preprocessing, Optional.empty());
  }

  /**
   * The crops of every image of {@code dataset}, each first aligned by {@code alignment} (when
   * given) and then prepared by {@code preprocessing}: the path a user's photo takes, cached. The
   * cache file is keyed by the alignment's id too, so crops of another detector, template or size
   * are never reused.
   *
   * @throws org.facesearch.data.image.InvalidImageException naming an image that cannot be decoded
   *     (no cache file is left behind)
   */
  public CachedCrops load(
      LfwDataset dataset, Preprocessing preprocessing, Optional<FaceAlignment> alignment) {
    List<FaceImage> images = dataset.images();
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images to cache in " + dataset);
    }
    CacheKey key = CacheKey.of(dataset, preprocessing, alignment.map(FaceAlignment::id));
    Path file = dir.resolve(key.slot() + SUFFIX);
    try {
      Optional<CachedCrops> current = open(file, key, images, preprocessing, false);
      if (current.isPresent()) {
        return current.get();
      }
      int fallbacks = builder.build(file, key, images, preprocessing, alignment);
      return open(file, key, images, preprocessing, true)
          .map(crops -> crops.withFallbacks(fallbacks))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "the cache file just written does not read back: " + file));
    } catch (IOException e) {
      throw new UncheckedIOException("crop cache " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file if it exists, is complete, and was made from exactly this request and content. */
  private static Optional<CachedCrops> open(
      Path file, CacheKey key, List<FaceImage> images, Preprocessing preprocessing, boolean built)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Optional<CropFile.Header> header = CropFile.readHeader(channel);
      int size = preprocessing.size();
      if (header.isEmpty()
          || !header.get().fingerprint().equals(key.fingerprint())
          || header.get().channels() != preprocessing.color().channels()
          || header.get().height() != size
          || header.get().width() != size
          || !header.get().keys().equals(images.stream().map(FaceImage::key).toList())) {
        return Optional.empty();
      }
      Arena arena = Arena.ofShared();
      try {
        long bytes = header.get().fileSize() - header.get().dataOffset();
        MemorySegment pixels =
            channel.map(FileChannel.MapMode.READ_ONLY, header.get().dataOffset(), bytes, arena);
        return Optional.of(
            new CachedCrops(arena, pixels, file, key.fingerprint(), preprocessing, images, built));
      } catch (IOException | RuntimeException e) {
        arena.close();
        throw e;
      }
    }
  }
}
