package org.facesearch.indexer;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How the HNSW graph is built: {@code maxConnections} (HNSW's M, neighbours per node) and {@code
 * beamWidth} (candidates considered while inserting), and whether the graph is searched on 8-bit
 * scalar-quantised copies of the vectors (less memory, faster; the full-precision vectors are kept,
 * and hits are rescored with them, so scores stay exact).
 */
public record HnswParams(int maxConnections, int beamWidth, boolean quantized) {

  /** Lucene's own defaults, M=16 and beam width 100, unquantised. */
  public static final HnswParams DEFAULT =
      new HnswParams(
          Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
          Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
          false);

  public HnswParams {
    if (maxConnections < 2 || maxConnections > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
      throw new IllegalArgumentException(
          "HNSW M (max connections) must be in 2.."
              + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN
              + ", got "
              + maxConnections);
    }
    if (beamWidth < 1 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
      throw new IllegalArgumentException(
          "HNSW beam width must be in 1.."
              + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH
              + ", got "
              + beamWidth);
    }
  }

  @Override
  public String toString() {
    return "M=" + maxConnections + ", beam width " + beamWidth + (quantized ? ", quantized" : "");
  }

  /** The vector format for the embedding field. */
  public KnnVectorsFormat vectorsFormat() {
    return quantized
        ? new Lucene104HnswScalarQuantizedVectorsFormat(maxConnections, beamWidth)
        : new Lucene99HnswVectorsFormat(maxConnections, beamWidth);
  }

  /**
   * The codec an index writer needs for these parameters. Readers need no special codec: the
   * per-field format name is recorded in the segment and resolved by Lucene itself.
   */
  public Codec codec() {
    KnnVectorsFormat format = vectorsFormat();
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }
}
