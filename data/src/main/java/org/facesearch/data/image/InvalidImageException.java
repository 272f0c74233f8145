package org.facesearch.data.image;

import java.util.Objects;

/**
 * An input that cannot be used as a photo; {@link #reason()} lets callers map it (e.g. to HTTP 413
 * or 415).
 */
public final class InvalidImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an image was refused. */
  public enum Reason {
    /** Zero bytes. */
    EMPTY,
    /** Not an image at all (text, a PDF, random bytes). */
    NOT_AN_IMAGE,
    /** An image, but not one of the formats read (GIF, HEIC, ...). */
    UNSUPPORTED_FORMAT,
    /** An image of a format read that is truncated or damaged. */
    CORRUPT,
    /** Over the {@link ImageLimits} in bytes or pixels. */
    TOO_LARGE
  }

  private final Reason reason;

  public InvalidImageException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public InvalidImageException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
