package org.facesearch.indexer;

/** An index folder whose files are missing or damaged; the message names the file. */
public final class InvalidIndexException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidIndexException(String message) {
    super(message);
  }

  public InvalidIndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
