package org.facesearch.indexer;

import org.facesearch.data.setting.NamedSetting;

/** The index's settings that messages about it name. */
public enum IndexSetting implements NamedSetting {
  /** Whether a build stores its vectors scalar-quantised ({@link HnswParams#quantized}). */
  QUANTIZED("scalar quantisation");

  private final String description;

  IndexSetting(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }
}
