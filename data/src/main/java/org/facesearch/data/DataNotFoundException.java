package org.facesearch.data;

/**
 * No usable LFW copy where one was expected. The message says which folder was looked at, why it
 * was rejected, and how to get the data.
 */
public final class DataNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataNotFoundException(String message) {
    super(message);
  }
}
