package org.facesearch.evaluation;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.facesearch.data.FaceImage;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.protocol.ImageRef;

/**
 * A View 1 test pair the model judged wrongly at its threshold, with the two faces as the model saw
 * them (its own crops): what one looks at to tell a bad photo or a failed alignment from a
 * genuinely hard pair.
 *
 * @param margin how far the score was on the wrong side of the threshold (always positive)
 */
public record PairMistake(
    ScoredFacePair pair, FaceImage a, FaceImage b, FaceCrop cropA, FaceCrop cropB, double margin) {
  /** How many mistakes a report draws at most (a weak model makes hundreds). */
  public static final int MAX_SHOWN = 60;

  public PairMistake {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(cropA, "cropA");
    Objects.requireNonNull(cropB, "cropB");
    if (!(margin >= 0)) {
      throw new IllegalArgumentException("a mistake's margin is not negative, got " + margin);
    }
  }

  /** Same person, scored below the threshold. */
  public boolean falseReject() {
    return pair.pair().same();
  }

  /**
   * The pairs of {@code scored} on the wrong side of {@code threshold} (same person iff score >=
   * threshold), the most confident mistakes first, at most {@link #MAX_SHOWN}.
   *
   * @param resolve a pair's image reference to its photo
   * @param crops the model's crops of photos, in order
   */
  static List<PairMistake> of(
      List<ScoredFacePair> scored,
      double threshold,
      Function<ImageRef, FaceImage> resolve,
      Function<List<FaceImage>, List<FaceCrop>> crops) {
    List<ScoredFacePair> wrong =
        scored.stream()
            .filter(p -> p.pair().same() != (p.score() >= threshold))
            .sorted(
                Comparator.comparingDouble((ScoredFacePair p) -> Math.abs(p.score() - threshold))
                    .reversed())
            .limit(MAX_SHOWN)
            .toList();
    List<FaceImage> photos =
        wrong.stream().flatMap(p -> Stream.of(p.pair().a(), p.pair().b())).map(resolve).toList();
    List<FaceCrop> faces = crops.apply(photos);
    return IntStream.range(0, wrong.size())
        .mapToObj(
            i ->
                new PairMistake(
                    wrong.get(i),
                    photos.get(2 * i),
                    photos.get(2 * i + 1),
                    faces.get(2 * i),
                    faces.get(2 * i + 1),
                    Math.abs(wrong.get(i).score() - threshold)))
        .toList();
  }
}
