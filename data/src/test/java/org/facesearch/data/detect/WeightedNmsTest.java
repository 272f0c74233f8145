package org.facesearch.data.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedNmsTest {

  private static Candidate box(double score, double cx, double cy, double side) {
    double[] g = new double[Candidate.LENGTH];
    g[0] = cx;
    g[1] = cy;
    g[2] = side;
    g[3] = side;
    for (int k = 0; k < Candidate.KEYPOINTS; k++) {
      g[4 + 2 * k] = cx + k;
      g[5 + 2 * k] = cy - k;
    }
    return new Candidate(score, g);
  }

  @Test
  void overlappingDetectionsBlendWeightedByScore() {
    List<Candidate> merged =
        WeightedNms.merge(List.of(box(0.6, 110, 100, 50), box(0.9, 100, 100, 50)), 0.3);
    assertEquals(1, merged.size());
    Candidate c = merged.getFirst();
    assertEquals(0.9, c.score(), 1e-12, "the blend keeps the best score");
    assertEquals((0.9 * 100 + 0.6 * 110) / 1.5, c.cx(), 1e-9);
    assertEquals(100, c.cy(), 1e-9);
    assertEquals(
        (0.9 * 100 + 0.6 * 110) / 1.5 + 5, c.geometry()[4 + 2 * 5], 1e-9, "landmarks blend too");
  }

  @Test
  void separateFacesStaySeparateBestFirst() {
    List<Candidate> merged =
        WeightedNms.merge(
            List.of(box(0.7, 100, 100, 50), box(0.95, 300, 100, 40), box(0.8, 104, 98, 52)), 0.3);
    assertEquals(2, merged.size());
    assertEquals(300, merged.get(0).cx(), 1e-9);
    assertEquals(0.8, merged.get(1).score(), 1e-12);
  }

  @Test
  void boxesBarelyTouchingAreNotMerged() {
    // IoU of two 50-pixel squares 40 pixels apart: 10*50 / (2*2500 - 500) = 0.11.
    assertEquals(
        2, WeightedNms.merge(List.of(box(0.9, 100, 100, 50), box(0.9, 140, 100, 50)), 0.3).size());
  }
}
