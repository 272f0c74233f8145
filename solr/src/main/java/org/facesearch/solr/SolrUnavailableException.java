package org.facesearch.solr;

/** SolrCloud (its ZooKeeper or its nodes) could not be reached or refused a request. */
public final class SolrUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SolrUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public SolrUnavailableException(String message) {
    super(message);
  }
}
