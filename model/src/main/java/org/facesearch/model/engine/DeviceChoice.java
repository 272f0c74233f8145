package org.facesearch.model.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where tensors live: a GPU when PyTorch sees one ({@code auto}), or exactly the one asked for. */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  /** Parses {@code auto}, {@code cpu} or {@code gpu} (any case). */
  public static DeviceChoice parse(String text) {
    for (DeviceChoice choice : values()) {
      if (choice.name().equalsIgnoreCase(text.trim())) {
        return choice;
      }
    }
    throw new IllegalArgumentException(
        "unknown device '"
            + text
            + "'; expected one of "
            + Arrays.stream(values())
                .map(DeviceChoice::toString)
                .collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
