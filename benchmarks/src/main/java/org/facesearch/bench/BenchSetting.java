package org.facesearch.bench;

import org.facesearch.data.setting.NamedSetting;

/** The benchmarks' settings that their messages name. */
public enum BenchSetting implements NamedSetting {
  /** How many queries a search benchmark times. */
  QUERIES("the number of queries"),
  /** How many threads search at once. */
  THREADS("the number of threads"),
  /** How many gallery images an embedding benchmark embeds. */
  IMAGES("the number of images"),
  /** How many requests each client count of a web benchmark sends. */
  REQUESTS("the number of requests");

  private final String description;

  BenchSetting(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }
}
