package org.facesearch.indexer;

import org.facesearch.data.setting.NamedSetting;

/** The index's settings that messages about it name. */
public enum IndexSetting implements NamedSetting {
  /** Whether a build stores its vectors scalar-quantised ({@link HnswParams#quantized}). */
  QUANTIZED("scalar quantisation"),
  /** Links per node of the HNSW graph ({@link HnswParams#maxConnections}). */
  MAX_CONNECTIONS("the graph's links per node"),
  /** Beam width while building ({@link HnswParams#beamWidth}). */
  BEAM_WIDTH("the building beam width");

  private final String description;

  IndexSetting(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }
}
