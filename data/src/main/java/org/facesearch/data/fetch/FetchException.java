package org.facesearch.data.fetch;

import java.io.IOException;

/**
 * Fetching LFW failed: the network, the server, a checksum or the archive. The message says what
 * happened to which file and what the user can do about it.
 */
public class FetchException extends IOException {
  public FetchException(String message) {
    super(message);
  }

  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
