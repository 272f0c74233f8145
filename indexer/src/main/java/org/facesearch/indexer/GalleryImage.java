package org.facesearch.indexer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One photo of the gallery: whose it is, its path as stored in the index ({@code image}, relative
 * to the LFW root or to the index root, always with {@code /}), and the file itself.
 */
public record GalleryImage(String identity, String image, Path file, GallerySource source) {

  public GalleryImage {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(source, "source");
  }

  static String relative(Path base, Path file) {
    return base.relativize(file).toString().replace('\\', '/');
  }
}
