package org.facesearch.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.Preprocessing;

/**
 * Gallery files to model inputs, with each file's SHA-256. The one place to switch LFW crops to
 * the data module's {@code CropCache} once it is merged (enrolled photos keep being decoded here).
 */
final class GalleryCrops {
  private final Preprocessing preprocessing;
  private final ImageDecoder decoder = new ImageDecoder();

  GalleryCrops(Preprocessing preprocessing) {
    this.preprocessing = preprocessing;
  }

  /** A gallery image ready to embed. */
  record Prepared(GalleryImage image, FaceCrop crop, String sha256) {}

  /**
   * Prepares a batch, decoding in parallel.
   *
   * @throws org.facesearch.data.image.InvalidImageException naming a file that is not a usable image
   */
  List<Prepared> prepare(List<GalleryImage> batch) {
    return batch.parallelStream().map(this::prepare).toList();
  }

  private Prepared prepare(GalleryImage image) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(image.file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gallery image " + image.file() + ": " + e.getMessage(), e);
    }
    return new Prepared(image, preprocessing.apply(decoder.decode(bytes, image.file().toString())), Photo.sha256(bytes));
  }
}
