package org.facesearch.cli;

import java.util.Locale;

/** How long the seed experiments train: the seeds' own schedule, or one a loaded CPU can finish. */
enum ExperimentSchedule {
  /** A few dozen steps or one epoch each: enough to check the pipeline and see the first trends. */
  QUICK,
  /**
   * A few hundred steps or a few dozen epochs each, capped at {@link #MEDIUM_MINUTES} minutes a
   * run: about an hour for all of them on 2 CPU cores, long enough for the settings to separate.
   */
  MEDIUM,
  /** The seed projects' schedules (10,000 iterations, 300 SimCLR epochs): a GPU machine's job. */
  FULL;

  /** The medium schedule's time limit per run, so that a slow machine still finishes the set. */
  static final int MEDIUM_MINUTES = 8;

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ExperimentSchedule fromId(String id) {
    for (ExperimentSchedule s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown --schedule '" + id + "'; known: quick, medium, full");
  }
}
