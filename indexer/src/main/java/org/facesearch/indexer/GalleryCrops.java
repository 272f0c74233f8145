package org.facesearch.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.model.Embedder;

/**
 * Gallery images to model inputs, with each file's SHA-256. LFW crops come from the data module's
 * crop cache (built once per preprocessing and alignment, then memory-mapped); enrolled photos,
 * which the cache does not cover, are decoded here. Both are prepared by {@link Embedder#prepare}'s
 * path, so they match a query photo's.
 */
final class GalleryCrops implements AutoCloseable {
  private final Embedder embedder;
  private final CachedCrops lfw;
  private final ImageDecoder decoder = new ImageDecoder();

  /**
   * Loads (building if need be) the cached crops of the gallery's LFW images.
   *
   * @throws org.facesearch.data.image.InvalidImageException naming an LFW file that is not a usable
   *     image
   */
  GalleryCrops(CropCache cache, Gallery gallery, Embedder embedder) {
    this.embedder = embedder;
    this.lfw = gallery.lfw().images().isEmpty() ? null : embedder.cachedCrops(cache, gallery.lfw());
  }

  /** A gallery image ready to embed. */
  record Prepared(GalleryImage image, FaceCrop crop, String sha256) {}

  /**
   * Prepares a batch, reading files in parallel.
   *
   * @throws org.facesearch.data.image.InvalidImageException naming an enrolled file that is not a
   *     usable image
   */
  List<Prepared> prepare(List<GalleryImage> batch) {
    return batch.parallelStream().map(this::prepare).toList();
  }

  private Prepared prepare(GalleryImage image) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(image.file());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read gallery image " + image.file() + ": " + e.getMessage(), e);
    }
    FaceCrop crop =
        switch (image.source()) {
          case LFW -> lfw.crop(lfw.indexOf(lfwKey(image)));
          case ENROLLED -> embedder.prepare(decoder.decode(bytes, image.file().toString()));
        };
    return new Prepared(image, crop, Photo.sha256(bytes));
  }

  /**
   * LFW's key for an image is its file name without {@code .jpg}, e.g. {@code Aaron_Eckhart_0001}.
   */
  private static String lfwKey(GalleryImage image) {
    String name = image.file().getFileName().toString();
    return name.substring(0, name.length() - ".jpg".length());
  }

  @Override
  public void close() {
    if (lfw != null) {
      lfw.close();
    }
  }
}
