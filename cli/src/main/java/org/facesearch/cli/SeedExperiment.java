package org.facesearch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One of the seed projects' experiments as {@code facesearch train} options: the same options the
 * command line takes, so the command the report shows is the one that ran. Objective settings not
 * named here are the objective's own defaults ({@code TrainConfig.builder}).
 *
 * @param name the run folder's name and the figures' prefix
 * @param section the report section it belongs to
 * @param options what it trains, whatever the schedule
 * @param schedules the schedule options per {@link ExperimentSchedule}
 * @param seedSchedule what the seed project itself ran, in words
 */
record SeedExperiment(
    String name,
    String section,
    List<String> options,
    Map<ExperimentSchedule, List<String>> schedules,
    String seedSchedule) {

  SeedExperiment {
    Objects.requireNonNull(name, "name");
    options = List.copyOf(options);
    schedules = Map.copyOf(schedules);
    for (ExperimentSchedule s : ExperimentSchedule.values()) {
      if (!schedules.containsKey(s)) {
        throw new IllegalArgumentException(name + " has no " + s.id() + " schedule");
      }
    }
  }

  /** The {@code facesearch train} arguments for {@code schedule}, without the run folders. */
  List<String> trainArguments(ExperimentSchedule schedule) {
    List<String> args = new ArrayList<>(options);
    args.addAll(schedules.get(schedule));
    return args;
  }
}
