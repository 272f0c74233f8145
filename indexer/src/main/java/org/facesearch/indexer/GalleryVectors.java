package org.facesearch.indexer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What embeds a build's gallery. Queries are always embedded by the model; the gallery by the model
 * too, or, for a distilled student, by its teacher in the student's space (a teacher space: the
 * teacher's cost paid once per gallery image, none of the student's error on the gallery side).
 */
public enum GalleryVectors {
  /** The model that embeds the queries. */
  MODEL,
  /** The model's teacher, in the model's space. */
  TEACHER;

  /** {@code model} or {@code teacher}, as options name it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the known ones
   */
  public static GalleryVectors fromId(String id) {
    for (GalleryVectors v : values()) {
      if (v.id().equals(id)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown gallery vectors '"
            + id
            + "'; known: "
            + Arrays.stream(values()).map(GalleryVectors::id).collect(Collectors.joining(", ")));
  }
}
