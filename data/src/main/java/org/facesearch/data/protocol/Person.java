package org.facesearch.data.protocol;

import java.util.Objects;

/** A line of a people file: a person and how many photos LFW has of them. */
public record Person(String name, int images) {
  public Person {
    Objects.requireNonNull(name, "name");
    if (images < 1) {
      throw new IllegalArgumentException("a person has at least one image, got " + images);
    }
  }
}
