package org.facesearch.trainer;

import java.util.Objects;
import java.util.function.Function;

/**
 * A named, typed setting that only some objectives have (a margin, a temperature, a teacher): an
 * objective declares the settings it reads, with their defaults, and {@link TrainConfig} holds only
 * those. The name is how bundles and checkpoints record the value.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
  private final String name;
  private final Class<T> type;
  private final Function<T, String> problem;
  private final Function<T, Object> recorded;
  private final T absentMeans;

  private Setting(
      String name, Class<T> type, Function<T, String> problem, Function<T, Object> recorded) {
    this(name, type, problem, recorded, null);
  }

  private Setting(
      String name,
      Class<T> type,
      Function<T, String> problem,
      Function<T, Object> recorded,
      T absentMeans) {
    this.name = name;
    this.type = type;
    this.problem = problem;
    this.recorded = recorded;
    this.absentMeans = absentMeans;
  }

  /**
   * This setting, read as {@code value} from checkpoints that do not record it: for a setting added
   * later, whose {@code value} is what runs before it did, so those runs still resume.
   */
  public Setting<T> absentMeans(T value) {
    return new Setting<>(name, type, problem, recorded, checked(value));
  }

  /** What a checkpoint without this setting ran with, as it would record it; null if unknown. */
  Object recordedWhenAbsent() {
    return absentMeans == null ? null : recorded(absentMeans);
  }

  /** A number that must be finite and above 0. */
  public static Setting<Float> positive(String name, String label) {
    return new Setting<>(
        name,
        Float.class,
        v -> v > 0 && Float.isFinite(v) ? null : label + " must be > 0 and finite, got " + v,
        v -> v);
  }

  /** A number that must be finite and at least 0 (a loss weight: 0 switches the term off). */
  public static Setting<Float> nonNegative(String name, String label) {
    return new Setting<>(
        name,
        Float.class,
        v -> v >= 0 && Float.isFinite(v) ? null : label + " must be >= 0 and finite, got " + v,
        v -> v);
  }

  /** A share: a number in [0, 1]. */
  public static Setting<Float> share(String name, String label) {
    return new Setting<>(
        name,
        Float.class,
        v -> v >= 0 && v <= 1 ? null : label + " must be between 0 and 1, got " + v,
        v -> v);
  }

  /** A whole number of at least {@code min}. */
  public static Setting<Integer> atLeast(String name, int min) {
    return new Setting<>(
        name,
        Integer.class,
        v -> v >= min ? null : name + " must be at least " + min + ", got " + v,
        v -> v);
  }

  /** A non-blank string. */
  public static Setting<String> text(String name) {
    return new Setting<>(
        name, String.class, v -> v.isBlank() ? name + " must not be blank" : null, v -> v);
  }

  /** A choice recorded by its id. */
  public static <E extends Enum<E>> Setting<E> choice(
      String name, Class<E> type, Function<E, String> id) {
    return new Setting<>(name, type, v -> null, id::apply);
  }

  public String name() {
    return name;
  }

  /** {@code value}, checked. */
  T checked(Object value) {
    Objects.requireNonNull(value, name);
    T typed = type.cast(value);
    String why = problem.apply(typed);
    if (why != null) {
      throw new IllegalArgumentException(why);
    }
    return typed;
  }

  /** The value as a bundle or checkpoint records it (enums by id). */
  Object recorded(Object value) {
    return recorded.apply(type.cast(value));
  }

  @Override
  public String toString() {
    return name;
  }
}
