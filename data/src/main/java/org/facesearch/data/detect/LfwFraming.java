package org.facesearch.data.detect;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.facesearch.data.image.CropBox;

/**
 * Re-frames a detected face the way LFW frames its faces: a 250x250 image in which the detector's
 * box has LFW's typical centre and size, so {@code Preprocessing}'s fixed crop lands on a query
 * photo's face exactly as it does on gallery images.
 *
 * <p>Where the frame reaches past the source image's edge, the edge pixels are replicated (not
 * black), which keeps the frame's statistics close to a real photo's.
 *
 * @param centerX where the detected box's centre sits in LFW's 250x250 frame, x
 * @param centerY where the detected box's centre sits in LFW's 250x250 frame, y
 * @param size the detected box's side in LFW's frame
 */
public record LfwFraming(double centerX, double centerY, double size) {

  /**
   * Measured, not assumed: {@link FaceDetector} with default options on 400 evenly spaced
   * deep-funneled LFW images found exactly one face in 384; those boxes' centres averaged (125.30,
   * 124.49) with standard deviations 4.3 and 2.5 pixels, their sides 112.20 (sd 8.8). The ratio 250
   * / 112.2 = 2.23 agrees with LFW's README, which says the Viola-Jones box was enlarged 2.2 times.
   * LfwFramingTest re-measures this on a different sample.
   */
  public static final LfwFraming DEEP_FUNNELED = new LfwFraming(125.30, 124.49, 112.20);

  public LfwFraming {
    if (!(size > 0 && size <= CropBox.FRAME)) {
      throw new IllegalArgumentException(
          "the face size in the frame must be in (0, 250], got " + size);
    }
  }

  /** The 250x250 LFW-framed image around {@code face}, a box found in {@code source}. */
  public BufferedImage frame(BufferedImage source, FaceBox face) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(face, "face");
    if (face.x() >= source.getWidth()
        || face.y() >= source.getHeight()
        || face.x() + face.width() <= 0
        || face.y() + face.height() <= 0) {
      throw new IllegalArgumentException(
          "face box "
              + face
              + " lies outside the "
              + source.getWidth()
              + "x"
              + source.getHeight()
              + " image");
    }
    int frame = CropBox.FRAME;
    double faceSide = (face.width() + face.height()) / 2.0;
    double sourcePerFrame = faceSide / size;
    int side = Math.max(1, (int) Math.round(frame * sourcePerFrame));
    int left = (int) Math.round(face.centerX() - centerX * sourcePerFrame);
    int top = (int) Math.round(face.centerY() - centerY * sourcePerFrame);

    int w = source.getWidth();
    int h = source.getHeight();
    int x0 = Math.clamp(left, 0, w - 1);
    int y0 = Math.clamp(top, 0, h - 1);
    int x1 = Math.clamp(left + side, x0 + 1, w);
    int y1 = Math.clamp(top + side, y0 + 1, h);
    try (Mat image = OpenCvImages.bgr(source);
        Rect inside = new Rect(x0, y0, x1 - x0, y1 - y0);
        Mat visible = image.apply(inside);
        Mat square = new Mat();
        Size target = new Size(frame, frame);
        Mat framed = new Mat()) {
      copyMakeBorder(
          visible,
          square,
          y0 - top,
          top + side - y1,
          x0 - left,
          left + side - x1,
          BORDER_REPLICATE);
      // Area averaging when shrinking avoids aliasing; bilinear when enlarging small faces.
      resize(square, framed, target, 0, 0, side > frame ? INTER_AREA : INTER_LINEAR);
      return OpenCvImages.fromBgr(framed);
    }
  }
}
