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
    SimilarityTransform back = toOutput.inverse();
    // Only the part of the photo the output maps back to is read (a face of a large photo is a
    // small part of it; copying every pixel cost more than the warp). Clamped to the photo, it
    // holds every clamped sample and its bilinear neighbours, so the result is the same.
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int corner = 0; corner < 4; corner++) {
      ImagePoint p = back.apply(new ImagePoint(corner % 2 * width, corner / 2 * height));
      minX = Math.min(minX, p.x());
      minY = Math.min(minY, p.y());
      maxX = Math.max(maxX, p.x());
      maxY = Math.max(maxY, p.y());
    }
    int x0 = Math.clamp((long) Math.floor(minX) - 2, 0, source.getWidth() - 1);
    int y0 = Math.clamp((long) Math.floor(minY) - 2, 0, source.getHeight() - 1);
    int x1 = Math.clamp((long) Math.ceil(maxX) + 2, x0 + 1, source.getWidth());
    int y1 = Math.clamp((long) Math.ceil(maxY) + 2, y0 + 1, source.getHeight());
    int sw = x1 - x0;
    int sh = y1 - y0;
    int[] src = source.getRGB(x0, y0, sw, sh, null, 0, sw);
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
            bilinear(src, sw, sh, p.x() - 0.5 - x0, p.y() - 0.5 - y0, rgb);
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
