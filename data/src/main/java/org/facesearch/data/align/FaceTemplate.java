package org.facesearch.data.align;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.facesearch.data.detect.FaceLandmarks;
import org.facesearch.data.detect.ImagePoint;

/**
 * Where a model wants a face's landmarks in its input image: named points (names from {@link
 * FaceLandmarks#NAMES}) and the output size. A model names the template it was trained on, and
 * {@link FaceAligner} warps any photo onto it. The ears are left out of the built-in templates:
 * with the head turned they move far more than the face's geometry does.
 *
 * @param name identifies the template in cache keys and messages
 */
public record FaceTemplate(String name, int width, int height, Map<String, ImagePoint> points) {

  /**
   * LFW's deep-funneled 250x250 frame, measured rather than assumed: {@code BlazeFaceDetector}
   * (short range, the face nearest the frame's centre) on every 4th LFW image in path order, 3,309
   * images (a face in all of them), mean landmark positions; the standard deviations beside them
   * are the spread left by LFW's own funnelling (the nose moves most, with the head's yaw).
   * FaceAlignerTest re-measures the means on other images. A user's photo aligned to this gives a
   * 250x250 image framed like the gallery, so {@code Preprocessing}'s fixed crop applies unchanged.
   */
  public static final FaceTemplate LFW_DEEP_FUNNELED =
      new FaceTemplate(
          "lfw-deep-funneled",
          250,
          250,
          ordered(
              "rightEye", new ImagePoint(103.66, 113.65), // sd 3.89, 2.67
              "leftEye", new ImagePoint(147.17, 113.21), // sd 3.81, 2.78
              "noseTip", new ImagePoint(125.41, 138.02), // sd 7.77, 5.36
              "mouthCentre", new ImagePoint(125.72, 161.06))); // sd 4.87, 4.50

  /**
   * dlib's face chip, {@code get_face_chip_details(shape, 150, 0.25)}, the input of dlib's ResNet
   * face-recognition model. dlib aligns 68 landmarks to its mean face shape ({@code
   * mean_face_shape_x/y} in {@code dlib/image_transforms/interpolation.h}, points 17..67 as
   * fractions of a unit square); a point m lands at {@code (0.25 + m) / 1.5 * 150} in the chip.
   * BlazeFace's points are mapped to the 68-point scheme as: right eye = mean of points 36..41 (the
   * eye on the image's left), left eye = mean of 42..47, nose tip = point 30, mouth centre = mean
   * of 48..67 (all of both lips). From dlib's arrays: eyes (0.225492, 0.215990) and (0.754761,
   * 0.215990), nose (0.490127, 0.515625), mouth (0.490127, 0.804225). dlib fits its similarity on
   * 33 points (eyes, nose, upper lip), so four points give its geometry only approximately.
   */
  public static final FaceTemplate DLIB_150 =
      new FaceTemplate(
          "dlib-150",
          150,
          150,
          ordered(
              "rightEye", dlibChip(0.225492, 0.215990),
              "leftEye", dlibChip(0.754761, 0.215990),
              "noseTip", dlibChip(0.490127, 0.515625),
              "mouthCentre", dlibChip(0.490127, 0.804225)));

  public FaceTemplate {
    Objects.requireNonNull(name, "name");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "a template needs a positive size, got " + width + "x" + height);
    }
    points = Collections.unmodifiableMap(new LinkedHashMap<>(points));
    if (points.size() < 2) {
      throw new IllegalArgumentException(
          "a template needs at least two points, got " + points.keySet());
    }
    for (String point : points.keySet()) {
      if (!FaceLandmarks.NAMES.contains(point)) {
        throw new IllegalArgumentException(
            "unknown landmark '"
                + point
                + "' in template "
                + name
                + "; known: "
                + FaceLandmarks.NAMES);
      }
    }
  }

  /** The same template scaled to a {@code side} x {@code side} output (square templates only). */
  public FaceTemplate resized(int side) {
    if (width != height) {
      throw new IllegalArgumentException(
          "only a square template can be resized, " + name + " is " + width + "x" + height);
    }
    double f = side / (double) width;
    Map<String, ImagePoint> scaled = new LinkedHashMap<>();
    points.forEach((k, p) -> scaled.put(k, new ImagePoint(p.x() * f, p.y() * f)));
    return new FaceTemplate(name + "@" + side, side, side, scaled);
  }

  /** The template's points, in its own order. */
  public List<ImagePoint> targets() {
    return List.copyOf(points.values());
  }

  /** The landmarks' points that correspond to {@link #targets()}, in the same order. */
  public List<ImagePoint> sources(FaceLandmarks landmarks) {
    return points.keySet().stream().map(landmarks::point).toList();
  }

  private static ImagePoint dlibChip(double x, double y) {
    double padding = 0.25;
    int size = 150;
    return new ImagePoint(
        (padding + x) / (2 * padding + 1) * size, (padding + y) / (2 * padding + 1) * size);
  }

  private static Map<String, ImagePoint> ordered(Object... namesAndPoints) {
    Map<String, ImagePoint> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndPoints.length; i += 2) {
      map.put((String) namesAndPoints[i], (ImagePoint) namesAndPoints[i + 1]);
    }
    return map;
  }
}
