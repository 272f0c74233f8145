package org.facesearch.cli;

import java.util.Locale;

/** How long the seed experiments train: the seeds' own schedule, or one a loaded CPU can finish. */
enum ExperimentSchedule {
  /** A few dozen steps or one epoch each: enough to check the pipeline and see the first trends. */
  QUICK,
  /** The seed projects' schedules (10,000 iterations, 300 SimCLR epochs): a GPU machine's job. */
  FULL;

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ExperimentSchedule fromId(String id) {
    for (ExperimentSchedule s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown --schedule '" + id + "'; known: quick, full");
  }
}
