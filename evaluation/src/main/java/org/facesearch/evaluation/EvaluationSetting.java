package org.facesearch.evaluation;

import org.facesearch.data.setting.NamedSetting;

/** The evaluation's settings that its messages name. */
public enum EvaluationSetting implements NamedSetting {
  /** The folder a report is written to ({@link ReportDirectory}). */
  REPORT("the report folder");

  private final String description;

  EvaluationSetting(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }
}
