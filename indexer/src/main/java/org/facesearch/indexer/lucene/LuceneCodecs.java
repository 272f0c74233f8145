package org.facesearch.indexer.lucene;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.facesearch.indexer.HnswParams;

/** The Lucene formats {@link HnswParams} stand for. */
public final class LuceneCodecs {
  private LuceneCodecs() {}

  /** The vector format for the embedding field. */
  public static KnnVectorsFormat vectorsFormat(HnswParams hnsw) {
    return hnsw.quantized()
        ? new Lucene104HnswScalarQuantizedVectorsFormat(hnsw.maxConnections(), hnsw.beamWidth())
        : new Lucene99HnswVectorsFormat(hnsw.maxConnections(), hnsw.beamWidth());
  }

  /**
   * The codec an index writer needs for these parameters. Readers need no special codec: the
   * per-field format name is recorded in the segment and resolved by Lucene itself.
   */
  public static Codec codec(HnswParams hnsw) {
    KnnVectorsFormat format = vectorsFormat(hnsw);
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }
}
