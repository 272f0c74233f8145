package org.facesearch.data;

/** A photo or person asked for by name is not in the dataset (or the subset) at hand. */
public final class ImageNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImageNotFoundException(String message) {
    super(message);
  }
}
