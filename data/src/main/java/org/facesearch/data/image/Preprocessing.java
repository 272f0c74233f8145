package org.facesearch.data.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * How a decoded image in LFW framing becomes a model input: crop, colour mode, square resize.
 * Trainer, indexer, searcher and web all go through this one class, so a query photo and a gallery
 * image are prepared identically.
 */
public record Preprocessing(CropBox crop, ColorMode color, int size) {

  /** TriNet and SimCLR: colour, the seed crop, 64x64. */
  public static final Preprocessing RESNET_64 = new Preprocessing(CropBox.SEED, ColorMode.RGB, 64);

  /** The 19-layer CNN of the Siamese BCE/contrastive seed: 128x128. */
  public static final Preprocessing CNN_128 = new Preprocessing(CropBox.SEED, ColorMode.RGB, 128);

  public Preprocessing {
    Objects.requireNonNull(crop, "crop");
    Objects.requireNonNull(color, "color");
    if (size < 8 || size > 1024) {
      throw new IllegalArgumentException("size must be in 8..1024, got " + size);
    }
  }

  /** Crops (relative to LFW's 250x250 frame), converts colour, and resizes by area averaging. */
  public FaceCrop apply(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    double sx = w / (double) CropBox.FRAME;
    double sy = h / (double) CropBox.FRAME;
    double x0 = crop.left() * sx;
    double y0 = crop.top() * sy;
    double cw = crop.width() * sx;
    double ch = crop.height() * sy;
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);

    int channels = color.channels();
    byte[] out = new byte[channels * size * size];
    double stepX = cw / size;
    double stepY = ch / size;
    double[] acc = new double[3];
    for (int oy = 0; oy < size; oy++) {
      double fy0 = y0 + oy * stepY;
      double fy1 = fy0 + stepY;
      for (int ox = 0; ox < size; ox++) {
        double fx0 = x0 + ox * stepX;
        double fx1 = fx0 + stepX;
        areaAverage(argb, w, h, fx0, fy0, fx1, fy1, acc);
        int offset = oy * size + ox;
        if (channels == 3) {
          for (int c = 0; c < 3; c++) {
            out[c * size * size + offset] = (byte) clamp(acc[c]);
          }
        } else {
          out[offset] = (byte) clamp(0.299 * acc[0] + 0.587 * acc[1] + 0.114 * acc[2]);
        }
      }
    }
    return new FaceCrop(channels, size, size, out);
  }

  /**
   * Mean RGB over the source rectangle [x0,x1)x[y0,y1), weighting each pixel by its overlap, so
   * downscaling does not alias; upscaling degrades gracefully to nearest-pixel sampling.
   */
  private static void areaAverage(
      int[] argb, int w, int h, double x0, double y0, double x1, double y1, double[] acc) {
    acc[0] = acc[1] = acc[2] = 0;
    double total = 0;
    int ys = Math.max(0, (int) Math.floor(y0));
    int ye = Math.min(h, (int) Math.ceil(y1));
    int xs = Math.max(0, (int) Math.floor(x0));
    int xe = Math.min(w, (int) Math.ceil(x1));
    for (int y = ys; y < ye; y++) {
      double wy = Math.min(y + 1, y1) - Math.max(y, y0);
      if (wy <= 0) {
        continue;
      }
      for (int x = xs; x < xe; x++) {
        double wx = Math.min(x + 1, x1) - Math.max(x, x0);
        if (wx <= 0) {
          continue;
        }
        double weight = wx * wy;
        int p = argb[y * w + x];
        acc[0] += weight * ((p >> 16) & 0xFF);
        acc[1] += weight * ((p >> 8) & 0xFF);
        acc[2] += weight * (p & 0xFF);
        total += weight;
      }
    }
    if (total > 0) {
      acc[0] /= total;
      acc[1] /= total;
      acc[2] /= total;
    }
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
