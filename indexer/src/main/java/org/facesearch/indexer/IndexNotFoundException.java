package org.facesearch.indexer;

/**
 * No build is serving yet at an index root. The message says where; a front end adds how to build
 * one in its own words.
 */
public final class IndexNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IndexNotFoundException(String message) {
    super(message);
  }
}
