package org.facesearch.solr;

import java.util.Objects;

/**
 * A SolrCloud that facesearch has not been set up on yet (no configset, no collection layout). It
 * carries the address and alias, so a front end can say how to set up that same gallery.
 */
public final class SolrNotSetUpException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient SolrAddress address;
  private final String alias;

  public SolrNotSetUpException(SolrAddress address, String alias, String message) {
    super(message);
    this.address = Objects.requireNonNull(address, "address");
    this.alias = Objects.requireNonNull(alias, "alias");
  }

  /** The cluster that is not set up. */
  public SolrAddress address() {
    return address;
  }

  /** The gallery's alias, whose configset is missing. */
  public String alias() {
    return alias;
  }
}
