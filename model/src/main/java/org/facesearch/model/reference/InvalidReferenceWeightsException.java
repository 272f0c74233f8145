package org.facesearch.model.reference;

/** A pretrained model's weight files that cannot be used; the message names the file and why. */
public final class InvalidReferenceWeightsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidReferenceWeightsException(String message) {
    super(message);
  }

  public InvalidReferenceWeightsException(String message, Throwable cause) {
    super(message, cause);
  }
}
