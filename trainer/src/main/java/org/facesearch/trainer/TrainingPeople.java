package org.facesearch.trainer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.facesearch.data.protocol.DevelopmentPeople;
import org.facesearch.data.split.SeedSubset;

/**
 * Which LFW photos a run trains on. Each choice keeps a test set unseen: LFW's development split
 * keeps {@code pairsDevTest}'s people out, the seed split keeps {@link SeedSubset#DEFAULT}'s test
 * photos out (the very photos {@code facesearch evaluate} clusters and identifies).
 */
public enum TrainingPeople {
  /** Everyone in {@code peopleDevTrain.txt}, a share of the people held out for validation. */
  DEV_TRAIN("peopleDevTrain.txt", "LFW peopleDevTrain"),
  /**
   * As {@link #DEV_TRAIN}, the same people held out for validation, and also every person of {@code
   * peopleDevTest.txt} whom no {@code pairsDevTest} pair shows ({@link DevelopmentPeople#untested}:
   * 967 more photos), all trained on: View 1's people stay unseen.
   */
  DEV_TRAIN_AND_UNTESTED(
      DevelopmentPeople.TRAIN_AND_UNTESTED,
      "LFW peopleDevTrain and peopleDevTest's people in no pairsDevTest pair"),
  /**
   * The seed protocol: the train photos of {@link SeedSubset#DEFAULT} (people with 50+ photos, 80%
   * of each one's photos), a share of each person's train photos held out for validation.
   */
  SEED(SeedSubset.DEFAULT.id(), "LFW seed subset's training photos");

  private final String recorded;
  private final String data;

  TrainingPeople(String recorded, String data) {
    this.recorded = recorded;
    this.data = data;
  }

  /** Which LFW photos these are, in words, for {@code model.json}'s {@code trainingData}. */
  public String data() {
    return data;
  }

  /** Whether the validation people are a share of peopleDevTrain's, drawn by the seed alone. */
  public boolean holdsOutDevTrainPeople() {
    return this != SEED;
  }

  /** {@code dev-train}, {@code dev-train-and-untested} or {@code seed}, as options name it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * What a bundle records as its {@code trainingPeopleSource}: the people file's name, {@link
   * DevelopmentPeople#TRAIN_AND_UNTESTED}, or the seed subset's {@link SeedSubset#id}.
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
