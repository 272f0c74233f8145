package org.facesearch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.lucene.util.VectorUtil;
import org.facesearch.data.FaceImage;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.model.Embedder;

/**
 * Unit vectors to index and the queries to run against them, with a line saying what they are.
 *
 * @param vectors rows to index, all of one dimension, L2-normalised
 * @param queries query vectors of the same dimension, L2-normalised
 */
public record VectorSet(String description, float[][] vectors, float[][] queries) {

  /** Photos per embedder call, as the indexer does. */
  private static final int BATCH = 64;

  public VectorSet {
    if (vectors.length == 0 || queries.length == 0) {
      throw new IllegalArgumentException(
          description
              + ": needs vectors and queries, got "
              + vectors.length
              + " and "
              + queries.length);
    }
  }

  public int dimension() {
    return vectors[0].length;
  }

  /**
   * {@code size} vectors around {@code sqrt(size)} random centres, like embeddings of many people
   * with several photos each; the queries are fresh draws from the same clusters, not indexed rows.
   */
  public static VectorSet synthetic(int size, int dimension, int queries, long seed) {
    if (size < 1 || dimension < 2 || queries < 1) {
      throw new IllegalArgumentException(
          "synthetic vectors need size >= 1, dimension >= 2 and queries >= 1, got size "
              + size
              + ", dimension "
              + dimension
              + ", queries "
              + queries);
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[][] centres = new float[Math.max(1, (int) Math.sqrt(size))][];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = gaussian(random, dimension, 1.0);
    }
    // Noise of about 0.6 the centre's length: clusters overlap enough that the graph is tested.
    double spread = 0.6;
    float[][] vectors = new float[size][];
    for (int i = 0; i < size; i++) {
      vectors[i] = near(centres[random.nextInt(centres.length)], random, spread);
    }
    float[][] asked = new float[queries][];
    for (int i = 0; i < queries; i++) {
      asked[i] = near(centres[random.nextInt(centres.length)], random, spread);
    }
    return new VectorSet(
        String.format(
            "synthetic: %,d clustered unit vectors x %d (%d clusters, seed %d)",
            size, dimension, centres.length, seed),
        vectors,
        asked);
  }

  /**
   * Every cached crop embedded with {@code embedder}; the queries are gallery vectors picked with
   * {@code seed} (so each query finds itself, as a look-alike query from a gallery photo does).
   */
  public static VectorSet embedded(Embedder embedder, CachedCrops crops, int queries, long seed) {
    float[][] vectors = new float[crops.size()][];
    try (ProgressBar progress =
        new ProgressBarBuilder()
            .setTaskName("embed gallery")
            .setInitialMax(crops.size())
            .setUnit(" faces", 1)
            .showSpeed()
            .build()) {
      for (int start = 0; start < crops.size(); start += BATCH) {
        int end = Math.min(crops.size(), start + BATCH);
        List<FaceCrop> batch = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
          batch.add(crops.crop(i));
        }
        System.arraycopy(embedder.embed(batch), 0, vectors, start, end - start);
        progress.stepBy(end - start);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[][] asked = new float[queries][];
    for (int i = 0; i < queries; i++) {
      asked[i] = vectors[random.nextInt(vectors.length)].clone();
    }
    List<FaceImage> images = crops.images();
    return new VectorSet(
        String.format(
            "LFW: %,d gallery embeddings x %d from %s (%,d identities)",
            vectors.length,
            embedder.dimension(),
            embedder.modelId(),
            images.stream().map(FaceImage::identity).distinct().count()),
        vectors,
        asked);
  }

  private static float[] near(float[] centre, SplittableRandom random, double spread) {
    float[] noise = gaussian(random, centre.length, spread);
    for (int d = 0; d < centre.length; d++) {
      noise[d] += centre[d];
    }
    return VectorUtil.l2normalize(noise);
  }

  /** A random vector of expected length {@code length}. */
  private static float[] gaussian(SplittableRandom random, int dimension, double length) {
    float[] v = new float[dimension];
    double scale = length / Math.sqrt(dimension);
    for (int d = 0; d < dimension; d++) {
      v[d] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }
}
