package org.facesearch.data.align;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.facesearch.data.detect.ImagePoint;

/**
 * Where a model wants a face's points in its square input: for each point it aligns on, the point's
 * position in a {@link LandmarkLocator}'s output and its target in the chip. Unlike a {@link
 * FaceTemplate} (BlazeFace's named points) it takes any landmark scheme, e.g. the 68 points of the
 * iBUG 300-W annotation that dlib aligns with.
 *
 * @param name identifies the template in alignment ids and messages
 * @param size the chip's side in pixels
 * @param indices which of the locator's points are aligned on, in {@code targets}' order
 * @param targets where those points go in the chip
 */
public record ChipTemplate(String name, int size, List<Integer> indices, List<ImagePoint> targets) {

  public ChipTemplate {
    Objects.requireNonNull(name, "name");
    indices = List.copyOf(indices);
    targets = List.copyOf(targets);
    if (size < 8) {
      throw new IllegalArgumentException("a chip is at least 8 pixels wide, got " + size);
    }
    if (indices.size() != targets.size() || targets.size() < 2) {
      throw new IllegalArgumentException(
          "a template needs at least two points with one index each, got "
              + indices.size()
              + " indices and "
              + targets.size()
              + " targets");
    }
  }

  /** A {@link FaceTemplate} (square) as a chip template over its own points, in its order. */
  public static ChipTemplate of(FaceTemplate template) {
    if (template.width() != template.height()) {
      throw new IllegalArgumentException(
          "a chip is square; "
              + template.name()
              + " is "
              + template.width()
              + "x"
              + template.height());
    }
    List<ImagePoint> targets = template.targets();
    List<Integer> indices = IntStream.range(0, targets.size()).boxed().toList();
    return new ChipTemplate(template.name(), template.width(), indices, targets);
  }

  /** The located points this template aligns on, in {@link #targets()}' order. */
  public List<ImagePoint> sources(List<ImagePoint> located) {
    return indices.stream()
        .map(
            i -> {
              if (i >= located.size()) {
                throw new IllegalArgumentException(
                    "template "
                        + name
                        + " aligns on point "
                        + i
                        + " but only "
                        + located.size()
                        + " were located");
              }
              return located.get(i);
            })
        .toList();
  }
}
