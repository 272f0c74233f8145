package org.facesearch.data.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.image.Preprocessing;

/**
 * Which cache file holds a set of crops, and whether its content is still current. The
 * <em>slot</em> (the file name) is what was asked for: dataset folder, images, preprocessing. The
 * <em>fingerprint</em> (inside the file) adds what those images contain now: the dataset's {@code
 * MANIFEST.sha256}, or without one every image's size and modification time. A changed fingerprint
 * rebuilds the file in place; changed parameters get a file of their own.
 */
record CacheKey(String slot, String fingerprint) {
  /** Bump when decoding or cropping changes what a cached pixel holds. */
  static final int PIPELINE_VERSION = 1;

  static final String MANIFEST = "MANIFEST.sha256";

  static CacheKey of(LfwDataset dataset, Preprocessing preprocessing) {
    return of(dataset, preprocessing, Optional.empty());
  }

  /**
   * With {@code alignment}, its id (detector, landmarks, template, size) is part of the request:
   * aligned crops never share a file with fixed crops or with another alignment's.
   */
  static CacheKey of(LfwDataset dataset, Preprocessing preprocessing, Optional<String> alignment) {
    List<FaceImage> images = dataset.images();
    MessageDigest request = sha256();
    update(request, "root=" + dataset.root());
    update(
        request,
        "crop="
            + preprocessing.crop()
            + " color="
            + preprocessing.color()
            + " size="
            + preprocessing.size());
    alignment.ifPresent(id -> update(request, "alignment=" + id));
    for (FaceImage image : images) {
      update(request, image.key());
    }
    byte[] requestHash = request.digest();

    MessageDigest content = sha256();
    content.update(requestHash);
    update(content, "pipeline=" + PIPELINE_VERSION);
    Path manifest = dataset.root().resolve(MANIFEST);
    try {
      if (Files.isRegularFile(manifest)) {
        content.update(Files.readAllBytes(manifest));
      } else {
        for (FaceImage image : images) {
          BasicFileAttributes attributes =
              Files.readAttributes(image.path(), BasicFileAttributes.class);
          update(
              content,
              dataset.root().relativize(image.path())
                  + " "
                  + attributes.size()
                  + " "
                  + attributes.lastModifiedTime().toMillis());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot fingerprint the LFW copy at " + dataset.root() + ": " + e.getMessage(), e);
    }
    String slot =
        (alignment.isPresent() ? "aligned-" : "crops-")
            + preprocessing.size()
            + "px-"
            + preprocessing.color().name().toLowerCase()
            + "-"
            + images.size()
            + "-"
            + HexFormat.of().formatHex(requestHash, 0, 8);
    return new CacheKey(slot, HexFormat.of().formatHex(content.digest()));
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
