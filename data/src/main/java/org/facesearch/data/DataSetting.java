package org.facesearch.data;

import org.facesearch.data.setting.NamedSetting;

/** The data module's settings that its messages name. */
public enum DataSetting implements NamedSetting {
  /** Which LFW folder to use ({@link DataLocation}). */
  DATA_FOLDER("the data folder"),
  /** Whether a fetch may replace what is already in its target folder. */
  FORCE("the force option");

  private final String description;

  DataSetting(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }
}
