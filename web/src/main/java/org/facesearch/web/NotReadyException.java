package org.facesearch.web;

/**
 * The server cannot answer this yet: no index has been built, or the model has no verification
 * threshold. Answered with 503; the message says what to do.
 */
public final class NotReadyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotReadyException(String message) {
    super(message);
  }
}
