package org.facesearch.indexer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nearest images to nearest people: each person once, with their best image. A look-alike query and
 * the look-alike calibration's leave-one-out searches rank people this one way, so the
 * probabilities fitted on the latter describe the former.
 */
public final class NearestPeople {
  private NearestPeople() {}

  /**
   * How many nearest images to fetch before grouping them by person: enough that {@code people}
   * different people are very likely among them even when some have hundreds of photos.
   */
  public static int candidates(int people) {
    return Math.max(100, people * 10);
  }

  /** The first {@code people} different people among {@code nearest} (best first), best first. */
  public static List<Neighbour> of(List<Neighbour> nearest, int people) {
    Map<String, Neighbour> bestPerPerson = new LinkedHashMap<>();
    for (Neighbour neighbour : nearest) {
      if (bestPerPerson.size() == people) {
        break;
      }
      bestPerPerson.putIfAbsent(neighbour.image().identity(), neighbour);
    }
    return new ArrayList<>(bestPerPerson.values());
  }
}
