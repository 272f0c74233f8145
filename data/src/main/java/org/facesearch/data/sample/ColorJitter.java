package org.facesearch.data.sample;

import java.util.SplittableRandom;

/**
 * torchvision's ColorJitter on float planes (0..255): brightness scales, contrast blends with the
 * mean grey, saturation blends with each pixel's grey, hue rotates in HSV; applied in random order,
 * each clamped to 0..255. Grey crops get brightness and contrast only.
 */
final class ColorJitter {
  private final AugmentationConfig config;

  ColorJitter(AugmentationConfig config) {
    this.config = config;
  }

  void apply(float[][] planes, SplittableRandom random) {
    int[] order = {0, 1, 2, 3};
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    boolean colour = planes.length == 3;
    for (int step : order) {
      switch (step) {
        case 0 -> {
          if (config.brightness() > 0) {
            brightness(planes, factor(random, config.brightness()));
          }
        }
        case 1 -> {
          if (config.contrast() > 0) {
            contrast(planes, factor(random, config.contrast()));
          }
        }
        case 2 -> {
          if (colour && config.saturation() > 0) {
            saturation(planes, factor(random, config.saturation()));
          }
        }
        default -> {
          if (colour && config.hue() > 0) {
            hue(planes, (random.nextDouble() * 2 - 1) * config.hue());
          }
        }
      }
    }
  }

  private static double factor(SplittableRandom random, double strength) {
    double min = Math.max(0, 1 - strength);
    return min + random.nextDouble() * (1 + strength - min);
  }

  private static void brightness(float[][] planes, double factor) {
    for (float[] plane : planes) {
      for (int i = 0; i < plane.length; i++) {
        plane[i] = clamp(plane[i] * factor);
      }
    }
  }

  private static void contrast(float[][] planes, double factor) {
    double mean = 0;
    int n = planes[0].length;
    for (int i = 0; i < n; i++) {
      mean += grey(planes, i);
    }
    mean /= n;
    for (float[] plane : planes) {
      for (int i = 0; i < n; i++) {
        plane[i] = clamp(factor * plane[i] + (1 - factor) * mean);
      }
    }
  }

  private static void saturation(float[][] planes, double factor) {
    for (int i = 0; i < planes[0].length; i++) {
      double grey = grey(planes, i);
      for (float[] plane : planes) {
        plane[i] = clamp(factor * plane[i] + (1 - factor) * grey);
      }
    }
  }

  /** Shifts hue by {@code shift} of a full turn, keeping saturation and value. */
  private static void hue(float[][] planes, double shift) {
    for (int i = 0; i < planes[0].length; i++) {
      double r = planes[0][i];
      double g = planes[1][i];
      double b = planes[2][i];
      double max = Math.max(r, Math.max(g, b));
      double min = Math.min(r, Math.min(g, b));
      double chroma = max - min;
      if (chroma == 0) {
        continue; // grey has no hue
      }
      double h;
      if (max == r) {
        h = ((g - b) / chroma) / 6;
      } else if (max == g) {
        h = ((b - r) / chroma + 2) / 6;
      } else {
        h = ((r - g) / chroma + 4) / 6;
      }
      h = ((h + shift) % 1 + 1) % 1;
      double sector = h * 6;
      double x = chroma * (1 - Math.abs(sector % 2 - 1));
      double[] rgb =
          switch ((int) sector) {
            case 0 -> new double[] {chroma, x, 0};
            case 1 -> new double[] {x, chroma, 0};
            case 2 -> new double[] {0, chroma, x};
            case 3 -> new double[] {0, x, chroma};
            case 4 -> new double[] {x, 0, chroma};
            default -> new double[] {chroma, 0, x};
          };
      for (int c = 0; c < 3; c++) {
        planes[c][i] = clamp(rgb[c] + min);
      }
    }
  }

  private static double grey(float[][] planes, int i) {
    return planes.length == 3
        ? 0.299 * planes[0][i] + 0.587 * planes[1][i] + 0.114 * planes[2][i]
        : planes[0][i];
  }

  private static float clamp(double v) {
    return (float) Math.max(0, Math.min(255, v));
  }
}
