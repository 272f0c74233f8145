package org.facesearch.bench;

/**
 * One nearest-neighbour implementation under benchmark, holding the vectors it was built from.
 * Results are row numbers into those vectors, best first. Not thread-safe to build; {@link #search}
 * may be called from several threads once built.
 */
interface KnnIndex extends AutoCloseable {

  /** Short name printed in the tables. */
  String name();

  /** Indexes every row of {@code vectors} (unit length; dot product = cosine). */
  void build(float[][] vectors);

  /**
   * The {@code k} rows most like {@code query}. {@code effort} is the implementation's accuracy
   * knob (HNSW efSearch or Lucene's candidate count); an exact index ignores it.
   */
  int[] search(float[] query, int k, int effort);

  /** Bytes the built index takes: files on disk, or the serialised form of an in-heap index. */
  long bytes();

  /** Whether {@code effort} changes anything; exact search has nothing to tune. */
  boolean tunable();

  @Override
  void close();
}
