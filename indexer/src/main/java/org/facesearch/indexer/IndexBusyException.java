package org.facesearch.indexer;

/** Another build or enrolment holds the index root's lock. */
public final class IndexBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IndexBusyException(String message) {
    super(message);
  }
}
