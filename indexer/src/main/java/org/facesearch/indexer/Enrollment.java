package org.facesearch.indexer;

import java.util.List;

/**
 * An enrolment that was added: the person, the saved photos (relative to the index root), the
 * build.
 */
public record Enrollment(PersonName person, List<String> images, Build build) {
  public Enrollment {
    images = List.copyOf(images);
  }
}
