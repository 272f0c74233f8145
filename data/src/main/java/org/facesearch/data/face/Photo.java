package org.facesearch.data.face;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.image.InvalidImageException;

/**
 * A photo handed in by a user (a file or an upload): its bytes and a name for messages. The SHA-256
 * of the bytes identifies a gallery image exactly, whatever its file name.
 */
public record Photo(String name, byte[] bytes) {

  public Photo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bytes, "bytes");
  }

  /**
   * Reads a photo file, refusing one too large to be a photo before reading it.
   *
   * @throws InvalidImageException if the file is over {@link ImageLimits#DEFAULT}'s byte limit
   * @throws UncheckedIOException naming the file when it is missing or unreadable
   */
  public static Photo read(Path file) {
    try {
      long size = Files.size(file);
      if (size > ImageLimits.DEFAULT.maxBytes()) {
        throw new InvalidImageException(
            InvalidImageException.Reason.TOO_LARGE,
            file
                + ": "
                + size
                + " bytes is over the limit of "
                + ImageLimits.DEFAULT.maxBytes()
                + " bytes");
      }
      return new Photo(file.toString(), Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("photo not found: " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read photo " + file + ": " + e.getMessage(), e);
    }
  }

  /** Hex SHA-256 of the bytes. */
  public String sha256() {
    return sha256(bytes);
  }

  /** Hex SHA-256 of {@code bytes}: how photos and gallery listings are identified. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
