package org.facesearch.data.face;

/** No face was found in a user's photo; the message names the photo. */
public final class NoFaceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoFaceException(String photoName) {
    super("no face found in " + photoName);
  }
}
