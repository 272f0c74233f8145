package org.facesearch.indexer;

/** A freshly written build failed its checks and was discarded; the serving build is unchanged. */
public final class BuildVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BuildVerificationException(String message) {
    super(message);
  }
}
