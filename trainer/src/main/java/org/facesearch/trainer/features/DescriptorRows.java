package org.facesearch.trainer.features;

import java.util.stream.IntStream;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.model.features.LbpDescriptor;
import org.facesearch.model.features.Matrices;

/**
 * The training matrix, one centred descriptor per row (each photo, then its mirror image), never
 * held whole: 17,000 rows of 56,345 values would take 4 GB, so every pass over it recomputes the
 * descriptors a block of rows at a time (about 15 s per pass on two cores). Passes multiply it by a
 * thin matrix from either side, which is all a randomised PCA needs.
 */
final class DescriptorRows {
  private static final int BLOCK = 512;

  private final CachedCrops crops;
  private final int[] images;
  private final LbpDescriptor descriptor;
  private final int dim;
  private final PassListener listener;
  private float[] mean;
  private int passes;

  /** Told after each pass over the rows (1-based) how long it took. */
  interface PassListener {
    void passed(int pass, int rows, double seconds);
  }

  DescriptorRows(CachedCrops crops, int[] images, LbpDescriptor descriptor, PassListener listener) {
    this.crops = crops;
    this.images = images.clone();
    this.descriptor = descriptor;
    this.dim = descriptor.dimension();
    this.listener = listener;
    this.mean = new float[dim];
    double[] sum = new double[dim];
    forEachBlock(
        (first, count, block) -> {
          for (int r = 0; r < count; r++) {
            for (int j = 0; j < dim; j++) {
              sum[j] += block[r * dim + j];
            }
          }
        });
    for (int j = 0; j < dim; j++) {
      mean[j] = (float) (sum[j] / rows());
    }
  }

  int rows() {
    return images.length * 2;
  }

  int dim() {
    return dim;
  }

  float[] mean() {
    return mean.clone();
  }

  /** Passes over the rows so far, the mean's included. */
  int passes() {
    return passes;
  }

  /** A crop's descriptor minus the training rows' mean. */
  float[] centred(FaceCrop crop) {
    float[] d = descriptor.describe(crop);
    for (int j = 0; j < dim; j++) {
      d[j] -= mean[j];
    }
    return d;
  }

  /** The photo behind row {@code r}. */
  int image(int row) {
    return images[row / 2];
  }

  /** {@code R (rows x dim) . right (dim x k)}. */
  float[] times(float[] right, int k) {
    float[] out = new float[rows() * k];
    forEachBlock(
        (first, count, block) -> {
          float[] part = Matrices.times(block, count, dim, right, k);
          System.arraycopy(part, 0, out, first * k, part.length);
        });
    return out;
  }

  /** {@code R^T (dim x rows) . left (rows x k)}. */
  float[] transposeTimes(float[] left, int k) {
    float[] out = new float[dim * k];
    forEachBlock(
        (first, count, block) -> {
          float[] slice = new float[count * k];
          System.arraycopy(left, first * k, slice, 0, slice.length);
          Matrices.addTransposeTimes(block, count, dim, slice, k, out);
        });
    return out;
  }

  private interface BlockConsumer {
    void accept(int firstRow, int count, float[] block);
  }

  private void forEachBlock(BlockConsumer consumer) {
    long start = System.nanoTime();
    for (int first = 0; first < rows(); first += BLOCK) {
      int count = Math.min(BLOCK, rows() - first);
      float[] block = new float[count * dim];
      int base = first;
      IntStream.range(0, count)
          .parallel()
          .forEach(
              r -> {
                int row = base + r;
                FaceCrop crop = crops.crop(images[row / 2]);
                float[] d = descriptor.describe(row % 2 == 0 ? crop : crop.mirrored());
                for (int j = 0; j < dim; j++) {
                  block[r * dim + j] = d[j] - mean[j];
                }
              });
      consumer.accept(first, count, block);
    }
    listener.passed(++passes, rows(), (System.nanoTime() - start) / 1e9);
  }
}
