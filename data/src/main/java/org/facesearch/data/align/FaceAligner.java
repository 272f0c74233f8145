package org.facesearch.data.align;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.facesearch.data.detect.FaceLandmarks;
import org.facesearch.data.detect.ImagePoint;

/**
 * Warps a photo so a face's landmarks land on a {@link FaceTemplate}: one least-squares similarity
 * from the landmarks to the template's points, then one resampling of the photo (so the pixels are
 * interpolated once, however the face was rotated or scaled).
 *
 * <p>Sampling is bilinear, with edge pixels replicated where the template reaches past the photo
 * (as {@code LfwFraming} does). When the photo is shrunk, each output pixel averages a grid of
 * bilinear samples about one source pixel apart, so a large photo's face does not alias.
 */
public final class FaceAligner {
  /** Caps the supersampling grid; beyond 8x8 the extra samples change nothing visible. */
  private static final int MAX_SAMPLES = 8;

  private FaceAligner() {}

  /** The face with {@code landmarks} in {@code image}, aligned to {@code template}. */
  public static AlignedFace align(
      BufferedImage image, FaceLandmarks landmarks, FaceTemplate template) {
    Objects.requireNonNull(image, "image");
    SimilarityTransform toTemplate =
        SimilarityTransform.fit(template.sources(landmarks), template.targets());
    return new AlignedFace(
        warp(image, toTemplate, template.width(), template.height()), template, toTemplate);
  }

  /**
   * Resamples {@code source} through {@code toOutput} into a {@code width} x {@code height} image
   * (bilinear, supersampled when shrinking, edge pixels replicated past the border).
   */
  public static BufferedImage warp(
      BufferedImage source, SimilarityTransform toOutput, int width, int height) {
    int sw = source.getWidth();
    int sh = source.getHeight();
    int[] src = source.getRGB(0, 0, sw, sh, null, 0, sw);
    SimilarityTransform back = toOutput.inverse();
    // Source pixels per output pixel; more than one means shrinking.
    int samples = Math.clamp((int) Math.ceil(back.scale() - 1e-9), 1, MAX_SAMPLES);
    int[] out = new int[width * height];
    double[] rgb = new double[3];
    for (int v = 0; v < height; v++) {
      for (int u = 0; u < width; u++) {
        double r = 0, g = 0, b = 0;
        for (int sy = 0; sy < samples; sy++) {
          for (int sx = 0; sx < samples; sx++) {
            // Pixel centres sit at +0.5: landmarks are in continuous coordinates.
            ImagePoint p =
                back.apply(new ImagePoint(u + (sx + 0.5) / samples, v + (sy + 0.5) / samples));
            bilinear(src, sw, sh, p.x() - 0.5, p.y() - 0.5, rgb);
            r += rgb[0];
            g += rgb[1];
            b += rgb[2];
          }
        }
        int n = samples * samples;
        out[v * width + u] =
            (int) Math.round(r / n) << 16 | (int) Math.round(g / n) << 8 | (int) Math.round(b / n);
      }
    }
    BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    result.setRGB(0, 0, width, height, out, 0, width);
    return result;
  }

  private static void bilinear(int[] src, int w, int h, double x, double y, double[] rgb) {
    double cx = Math.clamp(x, 0, w - 1);
    double cy = Math.clamp(y, 0, h - 1);
    int x0 = (int) cx;
    int y0 = (int) cy;
    int x1 = Math.min(x0 + 1, w - 1);
    int y1 = Math.min(y0 + 1, h - 1);
    double fx = cx - x0;
    double fy = cy - y0;
    int p00 = src[y0 * w + x0];
    int p01 = src[y0 * w + x1];
    int p10 = src[y1 * w + x0];
    int p11 = src[y1 * w + x1];
    for (int c = 0, shift = 16; c < 3; c++, shift -= 8) {
      double top = ((p00 >> shift) & 0xFF) * (1 - fx) + ((p01 >> shift) & 0xFF) * fx;
      double bottom = ((p10 >> shift) & 0xFF) * (1 - fx) + ((p11 >> shift) & 0xFF) * fx;
      rgb[c] = top * (1 - fy) + bottom * fy;
    }
  }
}
