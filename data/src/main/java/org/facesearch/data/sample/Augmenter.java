package org.facesearch.data.sample;

import java.util.Objects;
import java.util.SplittableRandom;
import org.facesearch.data.image.FaceCrop;

/**
 * SimCLR-style random distortion of a crop: random resized crop and rotation (one bilinear
 * resample, edges extended rather than filled black), horizontal flip, then brightness, contrast,
 * saturation and hue jitter in random order. The output has the input's shape. Stateless; the
 * caller's random source makes it reproducible.
 */
public final class Augmenter {
  private static final int ATTEMPTS = 10;

  private final AugmentationConfig config;

  public Augmenter(AugmentationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public AugmentationConfig config() {
    return config;
  }

  public FaceCrop apply(FaceCrop crop, SplittableRandom random) {
    float[][] planes = warp(crop, random);
    if (random.nextDouble() < config.flipProbability()) {
      mirror(planes, crop.width());
    }
    new ColorJitter(config).apply(planes, random);
    return toCrop(planes, crop.channels(), crop.height(), crop.width());
  }

  /** Random resized crop and rotation, as one inverse mapping from output to source pixels. */
  private float[][] warp(FaceCrop crop, SplittableRandom random) {
    int w = crop.width();
    int h = crop.height();
    double[] box = cropBox(w, h, random); // x0, y0, width, height in source pixels
    double degrees =
        config.maxRotationDegrees() == 0
            ? 0
            : (random.nextDouble() * 2 - 1) * config.maxRotationDegrees();
    double cos = Math.cos(Math.toRadians(degrees));
    double sin = Math.sin(Math.toRadians(degrees));
    float[][] source = planes(crop);
    float[][] out = new float[crop.channels()][w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = x + 0.5 - w / 2.0;
        double dy = y + 0.5 - h / 2.0;
        double px = cos * dx + sin * dy + w / 2.0;
        double py = -sin * dx + cos * dy + h / 2.0;
        double sx = box[0] + px * box[2] / w - 0.5;
        double sy = box[1] + py * box[3] / h - 0.5;
        for (int c = 0; c < source.length; c++) {
          out[c][y * w + x] = bilinear(source[c], w, h, sx, sy);
        }
      }
    }
    return out;
  }

  /** torchvision's RandomResizedCrop box: up to 10 tries, then the largest centred box in range. */
  private double[] cropBox(int w, int h, SplittableRandom random) {
    double area = (double) w * h;
    double logMin = Math.log(config.minRatio());
    double logMax = Math.log(config.maxRatio());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double target = area * uniform(random, config.minScale(), config.maxScale());
      double ratio = Math.exp(uniform(random, logMin, logMax));
      double cw = Math.sqrt(target * ratio);
      double ch = Math.sqrt(target / ratio);
      if (cw <= w && ch <= h) {
        return new double[] {uniform(random, 0, w - cw), uniform(random, 0, h - ch), cw, ch};
      }
    }
    double ratio = (double) w / h;
    double cw = w;
    double ch = h;
    if (ratio < config.minRatio()) {
      ch = w / config.minRatio();
    } else if (ratio > config.maxRatio()) {
      cw = h * config.maxRatio();
    }
    return new double[] {(w - cw) / 2, (h - ch) / 2, cw, ch};
  }

  private static double uniform(SplittableRandom random, double min, double max) {
    return min == max ? min : min + random.nextDouble() * (max - min);
  }

  private static float bilinear(float[] plane, int w, int h, double x, double y) {
    double cx = Math.max(0, Math.min(w - 1, x));
    double cy = Math.max(0, Math.min(h - 1, y));
    int x0 = (int) Math.floor(cx);
    int y0 = (int) Math.floor(cy);
    int x1 = Math.min(w - 1, x0 + 1);
    int y1 = Math.min(h - 1, y0 + 1);
    double fx = cx - x0;
    double fy = cy - y0;
    double top = plane[y0 * w + x0] * (1 - fx) + plane[y0 * w + x1] * fx;
    double bottom = plane[y1 * w + x0] * (1 - fx) + plane[y1 * w + x1] * fx;
    return (float) (top * (1 - fy) + bottom * fy);
  }

  private static void mirror(float[][] planes, int w) {
    for (float[] plane : planes) {
      for (int row = 0; row < plane.length; row += w) {
        for (int left = row, right = row + w - 1; left < right; left++, right--) {
          float t = plane[left];
          plane[left] = plane[right];
          plane[right] = t;
        }
      }
    }
  }

  private static float[][] planes(FaceCrop crop) {
    int n = crop.height() * crop.width();
    float[][] planes = new float[crop.channels()][n];
    byte[] pixels = crop.pixels();
    for (int c = 0; c < planes.length; c++) {
      for (int i = 0; i < n; i++) {
        planes[c][i] = pixels[c * n + i] & 0xFF;
      }
    }
    return planes;
  }

  private static FaceCrop toCrop(float[][] planes, int channels, int h, int w) {
    int n = h * w;
    byte[] pixels = new byte[channels * n];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < n; i++) {
        pixels[c * n + i] = (byte) Math.max(0, Math.min(255, Math.round(planes[c][i])));
      }
    }
    return new FaceCrop(channels, h, w, pixels);
  }
}
