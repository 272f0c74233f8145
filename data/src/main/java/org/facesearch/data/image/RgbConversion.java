package org.facesearch.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * Turns whatever ImageIO decoded into 8-bit sRGB ({@code TYPE_INT_RGB}). Transparent pixels are
 * composited over white, the usual backdrop of a cut-out portrait.
 */
final class RgbConversion {
  private RgbConversion() {}

  static BufferedImage toRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    ColorModel model = image.getColorModel();
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = new int[w * h];
    if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && model.getNumComponents() <= 2) {
      greyToRgb(image.getRaster(), model, rgb);
    } else if (isPlainEightBitRgb(model)) {
      eightBitRgb(image.getRaster(), rgb);
    } else {
      // Java2D converts palette, BGR, 16-bit and alpha layouts to 8-bit sRGB ARGB exactly.
      int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
      for (int i = 0; i < argb.length; i++) {
        int a = argb[i] >>> 24;
        rgb[i] =
            a == 255
                ? argb[i] & 0xFFFFFF
                : pack(
                    overWhite((argb[i] >> 16) & 0xFF, a),
                    overWhite((argb[i] >> 8) & 0xFF, a),
                    overWhite(argb[i] & 0xFF, a));
      }
    }
    return fromPixels(w, h, rgb);
  }

  /** What ImageIO makes of an ordinary colour JPEG: three 8-bit sRGB samples, no alpha. */
  private static boolean isPlainEightBitRgb(ColorModel model) {
    return model instanceof ComponentColorModel
        && model.getColorSpace().isCS_sRGB()
        && model.getNumComponents() == 3
        && !model.hasAlpha()
        && Arrays.stream(model.getComponentSize()).allMatch(bits -> bits == 8);
  }

  /** Reads the samples row by row: several times faster than {@code getRGB} for the common case. */
  private static void eightBitRgb(Raster raster, int[] rgb) {
    int w = raster.getWidth();
    int[] row = new int[3 * w];
    for (int y = 0; y < raster.getHeight(); y++) {
      raster.getPixels(0, y, w, 1, row);
      for (int x = 0; x < w; x++) {
        rgb[y * w + x] = pack(row[3 * x], row[3 * x + 1], row[3 * x + 2]);
      }
    }
  }

  /**
   * Grey samples copied straight to R=G=B. Java2D would treat them as linear light (CS_GRAY) and
   * brighten them; PNG and JPEG grey is really gamma-encoded like sRGB.
   */
  private static void greyToRgb(Raster raster, ColorModel model, int[] rgb) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    boolean alpha = model.hasAlpha();
    double greyMax = (1 << model.getComponentSize(0)) - 1;
    double alphaMax = alpha ? (1 << model.getComponentSize(1)) - 1 : 1;
    int[] grey = new int[w];
    int[] opacity = new int[w];
    for (int y = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, grey);
      if (alpha) {
        raster.getSamples(0, y, w, 1, 1, opacity);
      }
      for (int x = 0; x < w; x++) {
        int v = (int) Math.round(grey[x] * 255 / greyMax);
        if (alpha) {
          v = overWhite(v, (int) Math.round(opacity[x] * 255 / alphaMax));
        }
        rgb[y * w + x] = pack(v, v, v);
      }
    }
  }

  /**
   * A 4-channel JPEG's raw samples to RGB. YCCK is first turned back into CMYK as libjpeg does;
   * files with an Adobe marker (all Photoshop output) store CMYK inverted. The conversion is the
   * plain formula R = (1-C)(1-K): no ICC colour management, so colours are close, not exact.
   */
  static BufferedImage cmykToRgb(Raster raster, boolean ycck, boolean adobeInverted) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int[] px = new int[4];
    int[] rgb = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.getPixel(x, y, px);
        int c = px[0];
        int m = px[1];
        int ye = px[2];
        if (ycck) {
          double luma = px[0];
          double cb = px[1] - 128.0;
          double cr = px[2] - 128.0;
          c = 255 - clamp(luma + 1.402 * cr);
          m = 255 - clamp(luma - 0.344136 * cb - 0.714136 * cr);
          ye = 255 - clamp(luma + 1.772 * cb);
        }
        int k = px[3];
        if (!adobeInverted) {
          c = 255 - c;
          m = 255 - m;
          ye = 255 - ye;
          k = 255 - k;
        }
        // Here each value is 255 minus the ink, i.e. how much light the ink lets through.
        rgb[y * w + x] = pack((c * k + 127) / 255, (m * k + 127) / 255, (ye * k + 127) / 255);
      }
    }
    return fromPixels(w, h, rgb);
  }

  /** Packed 0xRRGGBB pixels, row-major, as an image ({@code setRGB} would be far slower). */
  static BufferedImage fromPixels(int w, int h, int[] rgb) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    System.arraycopy(
        rgb, 0, ((DataBufferInt) out.getRaster().getDataBuffer()).getData(), 0, rgb.length);
    return out;
  }

  private static int overWhite(int value, int alpha) {
    return (value * alpha + 255 * (255 - alpha) + 127) / 255;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static int pack(int r, int g, int b) {
    return (r << 16) | (g << 8) | b;
  }
}
