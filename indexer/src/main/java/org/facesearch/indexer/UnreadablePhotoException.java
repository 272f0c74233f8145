package org.facesearch.indexer;

/** A file or upload that is not a decodable JPEG or PNG; the message names it and says why. */
public final class UnreadablePhotoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnreadablePhotoException(String message) {
    super(message);
  }

  public UnreadablePhotoException(String message, Throwable cause) {
    super(message, cause);
  }
}
