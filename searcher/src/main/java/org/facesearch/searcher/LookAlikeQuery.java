package org.facesearch.searcher;

import org.facesearch.indexer.NearestPeople;

/**
 * What a look-alike search asks for.
 *
 * @param top how many people to return, best first
 * @param excludeImage leave out the gallery image that is byte-for-byte the query photo
 * @param openSet call the face "unknown" when even the best match is below the verification
 *     threshold
 */
public record LookAlikeQuery(int top, boolean excludeImage, boolean openSet) {
  public static final int MAX_TOP = 1000;

  public LookAlikeQuery {
    if (top < 1 || top > MAX_TOP) {
      throw new IllegalArgumentException(
          "the number of people to list must be in 1.." + MAX_TOP + ", got " + top);
    }
  }

  /** How many nearest images to fetch before grouping them by person. */
  int candidates() {
    return NearestPeople.candidates(top);
  }
}
