package org.facesearch.model.features;

import java.util.List;
import java.util.Objects;
import org.facesearch.data.image.FaceCrop;

/**
 * Local binary patterns, the texture descriptor of the pre-deep face verification literature: each
 * pixel's eight neighbours (at distance 1) compared with it give an 8-bit code; the 58 "uniform"
 * codes (at most two 0/1 transitions around the circle: edges, corners, spots) keep a bin each and
 * the rest share one, 59 bins in all. Histograms of overlapping square cells at several scales of
 * the grey face, each normalised to sum 1 and square-rooted (so that a dot product of two
 * descriptors is the Hellinger affinity of their histograms), are concatenated.
 *
 * <p>Many overlapping cells at several scales make the descriptor long (56,345 numbers for the
 * default at 96x96): length is what lets the learned projection ({@link FeatureModel}) find the few
 * directions that tell people apart, as Chen et al. found for "high-dimensional LBP" (CVPR 2013).
 *
 * @param cell side of a histogram cell in pixels
 * @param stride step between cells (smaller than {@code cell}: they overlap)
 * @param scales side of each pyramid level in pixels, the first being the crop's own size
 */
public record LbpDescriptor(int cell, int stride, List<Integer> scales) {
  /** Bins per cell: 58 uniform codes and one for all others. */
  public static final int BINS = 59;

  /** Measured on View 1 against cells of 8 without overlap (0.894 against 0.876). */
  public static final LbpDescriptor DEFAULT = new LbpDescriptor(8, 4, List.of(96, 68, 48, 34));

  private static final byte[] BIN = uniformBins();

  public LbpDescriptor {
    Objects.requireNonNull(scales, "scales");
    scales = List.copyOf(scales);
    if (cell < 3 || stride < 1 || stride > cell) {
      throw new IllegalArgumentException(
          "an LBP cell must be at least 3 pixels and its stride between 1 and the cell, got cell "
              + cell
              + " stride "
              + stride);
    }
    if (scales.isEmpty()) {
      throw new IllegalArgumentException("an LBP descriptor needs at least one scale");
    }
    for (int s : scales) {
      if (s < cell || s > 1024) {
        throw new IllegalArgumentException(
            "every LBP scale must lie between the cell (" + cell + ") and 1024 pixels, got " + s);
      }
    }
  }

  /** The crop size this descriptor takes (its first scale). */
  public int inputSize() {
    return scales.get(0);
  }

  /** Number of values {@link #describe} returns. */
  public int dimension() {
    int cells = 0;
    for (int s : scales) {
      int n = cellsAcross(s);
      cells += n * n;
    }
    return cells * BINS;
  }

  private int cellsAcross(int size) {
    return (size - cell) / stride + 1;
  }

  /**
   * The descriptor of an RGB or grey crop of {@link #inputSize()} pixels square.
   *
   * @throws IllegalArgumentException for a crop of another size
   */
  public float[] describe(FaceCrop crop) {
    if (crop.width() != inputSize() || crop.height() != inputSize()) {
      throw new IllegalArgumentException(
          "the LBP descriptor takes "
              + inputSize()
              + "x"
              + inputSize()
              + " crops, got "
              + crop.width()
              + "x"
              + crop.height());
    }
    float[] grey = grey(crop);
    float[] out = new float[dimension()];
    int offset = 0;
    for (int size : scales) {
      float[] level = size == inputSize() ? grey : resize(grey, inputSize(), size);
      offset = histograms(codes(level, size), size, out, offset);
    }
    return out;
  }

  /** ITU-R BT.601 luma, as OpenCV's RGB-to-grey conversion. */
  static float[] grey(FaceCrop crop) {
    int n = crop.height() * crop.width();
    byte[] p = crop.pixels();
    float[] grey = new float[n];
    if (crop.channels() == 1) {
      for (int i = 0; i < n; i++) {
        grey[i] = p[i] & 0xFF;
      }
      return grey;
    }
    for (int i = 0; i < n; i++) {
      grey[i] =
          0.299f * (p[i] & 0xFF) + 0.587f * (p[n + i] & 0xFF) + 0.114f * (p[2 * n + i] & 0xFF);
    }
    return grey;
  }

  /** Bilinear resampling with pixel centres aligned, clamped at the border. */
  static float[] resize(float[] image, int from, int to) {
    float[] out = new float[to * to];
    double ratio = (double) from / to;
    for (int y = 0; y < to; y++) {
      double sy = (y + 0.5) * ratio - 0.5;
      int y0 = (int) Math.floor(sy);
      double fy = sy - y0;
      int y1 = Math.min(from - 1, y0 + 1);
      y0 = Math.max(0, y0);
      for (int x = 0; x < to; x++) {
        double sx = (x + 0.5) * ratio - 0.5;
        int x0 = (int) Math.floor(sx);
        double fx = sx - x0;
        int x1 = Math.min(from - 1, x0 + 1);
        x0 = Math.max(0, x0);
        double top = (1 - fx) * image[y0 * from + x0] + fx * image[y0 * from + x1];
        double bottom = (1 - fx) * image[y1 * from + x0] + fx * image[y1 * from + x1];
        out[y * to + x] = (float) ((1 - fy) * top + fy * bottom);
      }
    }
    return out;
  }

  /**
   * Each interior pixel's bin plus one (0 marks the border, which has no full neighbourhood).
   * Neighbours clockwise from the top left; a neighbour at least as bright as the centre sets its
   * bit.
   */
  static byte[] codes(float[] image, int size) {
    byte[] bins = new byte[size * size];
    for (int y = 1; y < size - 1; y++) {
      for (int x = 1; x < size - 1; x++) {
        int i = y * size + x;
        float c = image[i];
        int code = 0;
        if (image[i - size - 1] >= c) code |= 1;
        if (image[i - size] >= c) code |= 2;
        if (image[i - size + 1] >= c) code |= 4;
        if (image[i + 1] >= c) code |= 8;
        if (image[i + size + 1] >= c) code |= 16;
        if (image[i + size] >= c) code |= 32;
        if (image[i + size - 1] >= c) code |= 64;
        if (image[i - 1] >= c) code |= 128;
        bins[i] = (byte) (BIN[code] + 1);
      }
    }
    return bins;
  }

  private int histograms(byte[] bins, int size, float[] out, int offset) {
    int across = cellsAcross(size);
    // Centre the grid: the pixels the last stride leaves over are split between both borders.
    int margin = (size - ((across - 1) * stride + cell)) / 2;
    for (int cy = 0; cy < across; cy++) {
      for (int cx = 0; cx < across; cx++) {
        int base = offset + (cy * across + cx) * BINS;
        int count = 0;
        int top = margin + cy * stride;
        int left = margin + cx * stride;
        for (int y = top; y < top + cell; y++) {
          for (int x = left; x < left + cell; x++) {
            int bin = bins[y * size + x];
            if (bin > 0) {
              out[base + bin - 1]++;
              count++;
            }
          }
        }
        if (count > 0) {
          for (int k = 0; k < BINS; k++) {
            out[base + k] = (float) Math.sqrt(out[base + k] / count);
          }
        }
      }
    }
    return offset + across * across * BINS;
  }

  /** Bin of each 8-bit code: uniform codes numbered in increasing order, all others 58. */
  private static byte[] uniformBins() {
    byte[] bins = new byte[256];
    int next = 0;
    for (int code = 0; code < 256; code++) {
      int transitions = Integer.bitCount(code ^ ((code >>> 1) | ((code & 1) << 7)));
      bins[code] = (byte) (transitions <= 2 ? next++ : BINS - 1);
    }
    return bins;
  }

  /** The bin an 8-bit code falls in (0..58), for tests. */
  static int bin(int code) {
    return BIN[code];
  }
}
