package org.facesearch.bench;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.facesearch.indexer.HnswParams;

/**
 * hnswlib's Java port, in heap, with the same M and construction beam as the Lucene index so the
 * graphs are comparable. Built on one thread, like Lucene's flush.
 */
final class HnswlibKnn implements KnnIndex {
  private record Row(Integer id, float[] vector) implements Item<Integer, float[]> {
    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  private final HnswParams params;
  private HnswIndex<Integer, float[], Row, Float> index;

  HnswlibKnn(HnswParams params) {
    this.params = params;
  }

  @Override
  public String name() {
    return "hnswlib";
  }

  @Override
  public void build(float[][] vectors) {
    index =
        HnswIndex.newBuilder(
                vectors[0].length, DistanceFunctions.FLOAT_INNER_PRODUCT, vectors.length)
            .withM(params.maxConnections())
            .withEfConstruction(params.beamWidth())
            .build();
    for (int row = 0; row < vectors.length; row++) {
      index.add(new Row(row, vectors[row]));
    }
  }

  @Override
  public int[] search(float[] query, int k, int effort) {
    // efSearch is index-wide state in hnswlib; concurrent benchmark threads all pass the same
    // value, so the unsynchronised write is benign.
    if (index.getEf() != effort) {
      index.setEf(effort);
    }
    List<SearchResult<Row, Float>> hits = index.findNearest(query, k);
    int[] rows = new int[hits.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = hits.get(i).item().id();
    }
    return rows;
  }

  @Override
  public long bytes() {
    CountingStream counter = new CountingStream();
    try {
      index.save(counter);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure the hnswlib index: " + e.getMessage(), e);
    }
    return counter.count;
  }

  @Override
  public boolean tunable() {
    return true;
  }

  @Override
  public void close() {
    index = null;
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
