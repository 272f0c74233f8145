package org.facesearch.trainer;

import org.facesearch.data.setting.NamedSetting;

/**
 * The training settings that the trainer's messages name, so a caller knows what to change (the
 * objectives' own numbers are {@link Setting}s).
 */
public enum TrainingSetting implements NamedSetting {
  /** The model bundle folder a run creates. */
  OUT("the model bundle folder"),
  /** The folder of a run's checkpoints and curves. */
  RUN_DIR("the run folder"),
  /** Whether a run continues from its newest checkpoint. */
  RESUME("the resume option"),
  /** The model a distilled student learns from. */
  TEACHER("the teacher model"),
  /** Images per optimiser step. */
  BATCH("the batch size"),
  LEARNING_RATE("the learning rate"),
  /** The network architecture trained. */
  BACKBONE("the backbone"),
  /** The model bundle a fresh run takes its starting weights from. */
  INITIAL_WEIGHTS("the initial weights");

  private final String description;

  TrainingSetting(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }
}
