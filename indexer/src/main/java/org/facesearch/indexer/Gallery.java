package org.facesearch.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.face.Photo;

/**
 * What a build indexes: the LFW people with at least {@code minFaces} photos, plus every enrolled
 * person (whatever their photo count). Loading lists files only; nothing is decoded.
 */
public final class Gallery {
  private final LfwDataset lfw;
  private final int minFaces;
  private final List<GalleryImage> images;
  private final int identities;
  private final String fingerprint;

  private Gallery(LfwDataset lfw, int minFaces, List<GalleryImage> images, String fingerprint) {
    this.lfw = lfw;
    this.minFaces = minFaces;
    this.images = List.copyOf(images);
    this.identities = (int) images.stream().map(GalleryImage::identity).distinct().count();
    this.fingerprint = fingerprint;
  }

  /**
   * Lists the gallery.
   *
   * @throws org.facesearch.data.DataNotFoundException if {@code dataRoot} is not an LFW copy
   */
  public static Gallery load(Path dataRoot, int minFaces, EnrolledFolder enrolled) {
    LfwDataset dataset = LfwDataset.open(dataRoot).subset(minFaces);
    Path root = dataset.root();
    List<GalleryImage> images = new ArrayList<>();
    for (FaceImage face : dataset.images()) {
      images.add(
          new GalleryImage(
              face.identity(),
              GalleryImage.relative(root, face.path()),
              face.path(),
              GallerySource.LFW));
    }
    String fingerprint = fingerprint(images);
    images.addAll(enrolled.images());
    return new Gallery(dataset, minFaces, images, fingerprint);
  }

  public Path dataRoot() {
    return lfw.root();
  }

  /** The LFW part: the people with at least {@link #minFaces()} photos. */
  public LfwDataset lfw() {
    return lfw;
  }

  public int minFaces() {
    return minFaces;
  }

  /** LFW images first (by identity, then number), then enrolled ones. */
  public List<GalleryImage> images() {
    return images;
  }

  public int size() {
    return images.size();
  }

  public int identities() {
    return identities;
  }

  /**
   * SHA-256 over the LFW images' relative paths, sizes and modification times: a changed, added or
   * removed photo changes it. Enrolled photos are left out on purpose: enrolment adds them to the
   * serving index directly, so they never make it stale.
   */
  public String fingerprint() {
    return fingerprint;
  }

  private static String fingerprint(List<GalleryImage> lfwImages) {
    StringBuilder listing = new StringBuilder();
    for (GalleryImage image : lfwImages) {
      try {
        BasicFileAttributes attributes =
            Files.readAttributes(image.file(), BasicFileAttributes.class);
        listing
            .append(image.image())
            .append('\t')
            .append(attributes.size())
            .append('\t')
            .append(attributes.lastModifiedTime().toMillis())
            .append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + image.file() + ": " + e.getMessage(), e);
      }
    }
    return Photo.sha256(listing.toString().getBytes(StandardCharsets.UTF_8));
  }
}
