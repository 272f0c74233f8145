package org.facesearch.model.bundle;

/** A model bundle folder that cannot be used; the message names the folder and the problem. */
public final class InvalidModelBundleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidModelBundleException(String message) {
    super(message);
  }

  public InvalidModelBundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
