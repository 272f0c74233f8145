package org.facesearch.solr;

import org.facesearch.data.setting.NamedSetting;

/** The SolrCloud settings that its messages name. */
public enum SolrSetting implements NamedSetting {
  /** The ZooKeeper address of the SolrCloud ({@link SolrAddress}). */
  ADDRESS("the SolrCloud address"),
  /** The alias under which builds are served. */
  ALIAS("the alias"),
  /** Parts each gallery collection is split into ({@link CollectionLayout}). */
  SHARDS("the number of shards"),
  /** Copies of each part ({@link CollectionLayout}). */
  REPLICAS("the number of replicas"),
  /** Solr nodes a local cluster starts ({@link LocalSolrCloud}). */
  NODES("the number of nodes");

  private final String description;

  SolrSetting(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }
}
