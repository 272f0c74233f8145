package org.facesearch.searcher;

import org.facesearch.data.setting.NamedSetting;

/** The searcher's settings that its messages name. */
public enum SearchSetting implements NamedSetting {
  /** Which model embeds the photos: a bundle folder or a built-in model's name. */
  MODEL("the model option");

  private final String description;

  SearchSetting(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }
}
