package org.facesearch.model.verify;

/**
 * The similarity of two faces: the cosine of their unit-length embeddings, i.e. their dot product.
 * The one implementation that training, evaluation and verification share. It sums in double but
 * answers in float, the precision the Lucene index scores look-alikes in, so a threshold fitted on
 * these scores means the same when applied to the index's.
 */
public final class Similarity {
  private Similarity() {}

  /**
   * The dot product of two embeddings of one length (their cosine when both have unit length).
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public static float cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "embeddings of different lengths: " + a.length + " and " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return (float) sum;
  }
}
