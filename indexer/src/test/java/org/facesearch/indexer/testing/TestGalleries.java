package org.facesearch.indexer.testing;

import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.testing.LfwSample;

/** Small real LFW copies for index tests: a few people with 50-70 photos each. */
public final class TestGalleries {
  /** Five people, 291 photos. */
  public static final List<String> FIVE_PEOPLE =
      List.of(
          "Hugo_Chavez", "Jean_Chretien", "John_Ashcroft", "Junichiro_Koizumi", "Serena_Williams");

  private TestGalleries() {}

  /** Copies {@code people} from the real LFW into {@code dir} (under {@code images/}). */
  public static Path copy(Path dir, List<String> people) {
    return LfwSample.copy(dir, people);
  }

  /** The five-person copy. */
  public static Path fivePeople(Path dir) {
    return copy(dir, FIVE_PEOPLE);
  }
}
