package org.facesearch.data.setting;

/**
 * A choice a caller makes (a folder, a model, a number) that a message may have to name, so the
 * caller knows what to change. Each module lists its own in an enum; a front end that offers them
 * under names of its own (the command line's {@code --flags}) maps each constant to its name.
 */
public interface NamedSetting {
  /** The setting in domain words, as a message names it: "the data folder", "the teacher model". */
  String description();
}
