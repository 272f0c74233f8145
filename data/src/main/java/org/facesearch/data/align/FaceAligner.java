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

  /** When a warp averages several bilinear samples per output pixel. */
  public enum Supersampling {
    /**
     * Whenever the photo is shrunk at all: what models' inputs are made with (the gallery's crops
     * were, so a query's must be too).
     */
    ANY_SHRINK,
    /**
     * Only when the photo is shrunk 1.5x or more; plain bilinear below, which at about LFW's own
     * scale (a query of an LFW-sized photo, shrunk 1.0-1.1x) reads one sample per pixel instead of
     * four: a 250x250 frame in 1.8 ms of CPU instead of 5.4. For frames, which the gallery never
     * holds: the answer's picture, and the input of models that crop the frame (the gallery holds
     * LFW's own images for them).
     */
    LARGE_SHRINK
  }

  private FaceAligner() {}

  /** The face with {@code landmarks} in {@code image}, aligned to {@code template}. */
  public static AlignedFace align(
      BufferedImage image, FaceLandmarks landmarks, FaceTemplate template) {
    return align(image, landmarks, template, Supersampling.ANY_SHRINK);
  }

  /** {@link #align(BufferedImage, FaceLandmarks, FaceTemplate)} supersampled as {@code when}. */
  public static AlignedFace align(
      BufferedImage image, FaceLandmarks landmarks, FaceTemplate template, Supersampling when) {
    Objects.requireNonNull(image, "image");
    SimilarityTransform toTemplate =
        SimilarityTransform.fit(template.sources(landmarks), template.targets());
    return new AlignedFace(
        warp(image, toTemplate, template.width(), template.height(), when), template, toTemplate);
  }

  /**
   * Resamples {@code source} through {@code toOutput} into a {@code width} x {@code height} image
   * (bilinear, supersampled when shrinking, edge pixels replicated past the border).
   */
  public static BufferedImage warp(
      BufferedImage source, SimilarityTransform toOutput, int width, int height) {
    return warp(source, toOutput, width, height, Supersampling.ANY_SHRINK);
  }

  /** {@link #warp(BufferedImage, SimilarityTransform, int, int)} supersampled as {@code when}. */
  public static BufferedImage warp(
      BufferedImage source,
      SimilarityTransform toOutput,
      int width,
      int height,
      Supersampling when) {
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
    int[] src = pixels(source, x0, y0, sw, sh);
    // Source pixels per output pixel; more than one means shrinking.
    int samples =
        when == Supersampling.LARGE_SHRINK && back.scale() < 1.5
            ? 1
            : Math.clamp((int) Math.ceil(back.scale() - 1e-9), 1, MAX_SAMPLES);
    // back.apply(p) and the bilinear blend written out, in the same operations and order: the
    // pixels are bit for bit those of the point-by-point form (FaceAlignerTest keeps it), at 0.75x
    // its CPU on LFW frames (no point or channel arrays per sample, no per-pixel colour model).
    double a = back.a();
    double b = back.b();
    double tx = back.tx();
    double ty = back.ty();
    // Each sample's a*x, b*x depend on its column only and a*y, b*y on its row only: computed once
    // per column and row, they are the same products the point-by-point form multiplies out.
    double[] ax = new double[width * samples];
    double[] bx = new double[width * samples];
    for (int u = 0; u < width; u++) {
      for (int k = 0; k < samples; k++) {
        double x = u + (k + 0.5) / samples;
        ax[u * samples + k] = a * x;
        bx[u * samples + k] = b * x;
      }
    }
    double[] ay = new double[height * samples];
    double[] by = new double[height * samples];
    for (int v = 0; v < height; v++) {
      for (int k = 0; k < samples; k++) {
        double y = v + (k + 0.5) / samples;
        ay[v * samples + k] = a * y;
        by[v * samples + k] = b * y;
      }
    }
    int n = samples * samples;
    int lastX = sw - 1;
    int lastY = sh - 1;
    int[] out = new int[width * height];
    for (int v = 0; v < height; v++) {
      for (int u = 0; u < width; u++) {
        double r = 0;
        double g = 0;
        double bl = 0;
        for (int sy = 0; sy < samples; sy++) {
          int row = v * samples + sy;
          for (int sx = 0; sx < samples; sx++) {
            int column = u * samples + sx;
            // Pixel centres sit at +0.5: landmarks are in continuous coordinates.
            double cx = Math.clamp(ax[column] - by[row] + tx - 0.5 - x0, 0, lastX);
            double cy = Math.clamp(bx[column] + ay[row] + ty - 0.5 - y0, 0, lastY);
            int px = (int) cx;
            int py = (int) cy;
            int row0 = py * sw;
            int row1 = Math.min(py + 1, lastY) * sw;
            int px1 = Math.min(px + 1, lastX);
            double fx = cx - px;
            double fy = cy - py;
            double ox = 1 - fx;
            double oy = 1 - fy;
            int p00 = src[row0 + px];
            int p01 = src[row0 + px1];
            int p10 = src[row1 + px];
            int p11 = src[row1 + px1];
            r +=
                blend(
                    p00 >> 16 & 0xFF,
                    p01 >> 16 & 0xFF,
                    p10 >> 16 & 0xFF,
                    p11 >> 16 & 0xFF,
                    fx,
                    ox,
                    fy,
                    oy);
            g +=
                blend(
                    p00 >> 8 & 0xFF,
                    p01 >> 8 & 0xFF,
                    p10 >> 8 & 0xFF,
                    p11 >> 8 & 0xFF,
                    fx,
                    ox,
                    fy,
                    oy);
            bl += blend(p00 & 0xFF, p01 & 0xFF, p10 & 0xFF, p11 & 0xFF, fx, ox, fy, oy);
          }
        }
        out[v * width + u] =
            (int) Math.round(r / n) << 16 | (int) Math.round(g / n) << 8 | (int) Math.round(bl / n);
      }
    }
    BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    // TYPE_INT_RGB stores exactly these 0xRRGGBB ints: one copy instead of setRGB's per-pixel
    // colour-model conversion.
    result.getRaster().setDataElements(0, 0, width, height, out);
    return result;
  }

  private static double blend(
      int c00, int c01, int c10, int c11, double fx, double ox, double fy, double oy) {
    double top = c00 * ox + c01 * fx;
    double bottom = c10 * ox + c11 * fx;
    return top * oy + bottom * fy;
  }

  /**
   * The {@code sw} x {@code sh} pixels at ({@code x0}, {@code y0}) as 0xRRGGBB (the top byte is not
   * read): straight from the raster for the decoder's TYPE_INT_RGB, through getRGB otherwise.
   */
  private static int[] pixels(BufferedImage source, int x0, int y0, int sw, int sh) {
    if (source.getType() == BufferedImage.TYPE_INT_RGB) {
      return (int[]) source.getRaster().getDataElements(x0, y0, sw, sh, null);
    }
    return source.getRGB(x0, y0, sw, sh, null, 0, sw);
  }
}
