package org.facesearch.data.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's "weighted" non-maximum suppression: neighbouring anchors (and overlapping tiles) fire
 * on the same face; instead of keeping only the best, every candidate overlapping the best by at
 * least {@code minOverlap} IoU is blended into it, box and key points averaged with the scores as
 * weights. The blend keeps the best score. Averaging many slightly shifted boxes is steadier than
 * any single one, which matters because the landmarks feed alignment.
 */
final class WeightedNms {
  private WeightedNms() {}

  static List<Candidate> merge(List<Candidate> candidates, double minOverlap) {
    List<Candidate> remaining = new ArrayList<>(candidates);
    remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
    List<Candidate> merged = new ArrayList<>();
    while (!remaining.isEmpty()) {
      Candidate best = remaining.getFirst();
      double[] sum = new double[Candidate.LENGTH];
      double weights = 0;
      List<Candidate> rest = new ArrayList<>();
      for (Candidate c : remaining) {
        if (c == best || best.iou(c) >= minOverlap) {
          for (int i = 0; i < sum.length; i++) {
            sum[i] += c.geometry()[i] * c.score();
          }
          weights += c.score();
        } else {
          rest.add(c);
        }
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] /= weights;
      }
      merged.add(new Candidate(best.score(), sum));
      remaining = rest;
    }
    return merged;
  }
}
