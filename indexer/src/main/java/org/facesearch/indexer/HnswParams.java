package org.facesearch.indexer;

/**
 * How the HNSW graph is built: {@code maxConnections} (HNSW's M, neighbours per node) and {@code
 * beamWidth} (candidates considered while inserting), and whether the graph is searched on 8-bit
 * scalar-quantised copies of the vectors (less memory, faster; the full-precision vectors are kept,
 * and hits are rescored with them, so scores stay exact).
 */
public record HnswParams(int maxConnections, int beamWidth, boolean quantized) {

  /** Lucene's own defaults, M=16 and beam width 100, unquantised. */
  public static final HnswParams DEFAULT = new HnswParams(16, 100, false);

  /** Lucene's limits (Lucene99HnswVectorsFormat's), which Solr shares. */
  public static final int MAXIMUM_MAX_CONN = 512;

  public static final int MAXIMUM_BEAM_WIDTH = 3200;

  public HnswParams {
    if (maxConnections < 2 || maxConnections > MAXIMUM_MAX_CONN) {
      throw new IllegalArgumentException(
          "HNSW M (max connections) must be in 2.." + MAXIMUM_MAX_CONN + ", got " + maxConnections);
    }
    if (beamWidth < 1 || beamWidth > MAXIMUM_BEAM_WIDTH) {
      throw new IllegalArgumentException(
          "HNSW beam width must be in 1.." + MAXIMUM_BEAM_WIDTH + ", got " + beamWidth);
    }
  }

  @Override
  public String toString() {
    return "M=" + maxConnections + ", beam width " + beamWidth + (quantized ? ", quantized" : "");
  }
}
