package org.facesearch.data.align;

import java.util.ArrayList;
import java.util.List;
import org.facesearch.data.detect.ImagePoint;

/**
 * dlib's mean face shape: where the 68 points of the iBUG 300-W annotation sit on average, points
 * 17..67 (eyebrows, nose, eyes, lips; the jaw line is left out) as fractions of a unit square.
 * These are the numbers of {@code mean_face_shape_x/y} in dlib's {@code
 * image_transforms/interpolation.h}, which {@code get_face_chip_details} aligns faces to before its
 * face-recognition ResNet sees them; {@link FaceTemplate#DLIB_150}'s four points are averages of
 * them.
 */
public final class DlibMeanFace {
  /** The first of the 68 points the mean shape covers. */
  public static final int FIRST_POINT = 17;

  private static final double[] X = {
    0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124,
    0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036,
    0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918,
    0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149,
    0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721,
    0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874,
    0.553364, 0.490127, 0.42689
  };

  private static final double[] Y = {
    0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891, 0.0187482, 0.038915,
    0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326, 0.609345, 0.628106, 0.609345,
    0.587326, 0.216423, 0.178758, 0.179852, 0.231733, 0.245099, 0.244077, 0.231733, 0.179852,
    0.178758, 0.216423, 0.244077, 0.245099, 0.780233, 0.745405, 0.727388, 0.742578, 0.727388,
    0.745405, 0.780233, 0.864805, 0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746,
    0.785343, 0.778746, 0.784792, 0.824182, 0.831803, 0.824182
  };

  private DlibMeanFace() {}

  /** Point {@code i} (17..67) of the mean shape, in the unit square. */
  public static ImagePoint point(int i) {
    if (i < FIRST_POINT || i >= 68) {
      throw new IllegalArgumentException("dlib's mean face covers points 17..67, not " + i);
    }
    return new ImagePoint(X[i - FIRST_POINT], Y[i - FIRST_POINT]);
  }

  /**
   * {@code get_face_chip_details(shape, size, padding)} as a template over a 68-point locator: the
   * 33 points dlib aligns on (the eyebrows and the lower lip's points are left out: they move with
   * expression), each mean point m placed at {@code (padding + m) / (2 padding + 1) * size}. dlib's
   * ResNet takes {@code landmarks68(150, 0.25)}.
   */
  public static ChipTemplate landmarks68(int size, double padding) {
    List<Integer> indices = new ArrayList<>();
    List<ImagePoint> targets = new ArrayList<>();
    for (int i = FIRST_POINT; i < 68; i++) {
      boolean eyebrow = i <= 26;
      boolean lowerLip = (i >= 55 && i <= 59) || (i >= 65 && i <= 67);
      if (eyebrow || lowerLip) {
        continue;
      }
      ImagePoint m = point(i);
      indices.add(i);
      targets.add(
          new ImagePoint(
              (padding + m.x()) / (2 * padding + 1) * size,
              (padding + m.y()) / (2 * padding + 1) * size));
    }
    return new ChipTemplate("dlib-mean-face-68@" + size + "/" + padding, size, indices, targets);
  }
}
