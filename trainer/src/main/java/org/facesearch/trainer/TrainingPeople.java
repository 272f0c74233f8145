package org.facesearch.trainer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.facesearch.data.split.SeedSubset;

/**
 * Which LFW photos a run trains on. Each choice keeps a test set unseen: LFW's development split
 * keeps {@code pairsDevTest}'s people out, the seed split keeps {@link SeedSubset#DEFAULT}'s test
 * photos out (the very photos {@code facesearch evaluate} clusters and identifies).
 */
public enum TrainingPeople {
  /** Everyone in {@code peopleDevTrain.txt}, a share of the people held out for validation. */
  DEV_TRAIN("peopleDevTrain.txt"),
  /**
   * The seed protocol: the train photos of {@link SeedSubset#DEFAULT} (people with 50+ photos, 80%
   * of each one's photos), a share of each person's train photos held out for validation.
   */
  SEED(SeedSubset.DEFAULT.id());

  private final String recorded;

  TrainingPeople(String recorded) {
    this.recorded = recorded;
  }

  /** {@code dev-train} or {@code seed}, as options name it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * What a bundle records as its {@code trainingPeopleSource}: the people file's name, or the seed
   * subset's {@link SeedSubset#id}.
   */
  public String recorded() {
    return recorded;
  }

  public static TrainingPeople fromId(String id) {
    for (TrainingPeople p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown training people '"
            + id
            + "'; known: "
            + Arrays.stream(values()).map(TrainingPeople::id).collect(Collectors.joining(", ")));
  }
}
