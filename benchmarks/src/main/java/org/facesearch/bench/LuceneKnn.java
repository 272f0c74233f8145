package org.facesearch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.lucene.LuceneCodecs;

/**
 * Lucene's HNSW on disk (memory-mapped), with the production codec from {@link HnswParams}:
 * full-precision or 8-bit scalar-quantised graph search (whose candidates are rescored at full
 * precision, as {@code NearestImages} does). Rows are Lucene document ids: the index is built as
 * one segment, so ids follow insertion order.
 */
final class LuceneKnn implements KnnIndex {
  private static final String FIELD = "v";

  private final HnswParams params;
  private final Path dir;
  private FSDirectory directory;
  private DirectoryReader reader;
  private IndexSearcher searcher;

  LuceneKnn(HnswParams params, Path parent) {
    this.params = params;
    try {
      this.dir = Files.createTempDirectory(parent, "lucene-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a benchmark index folder: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return params.quantized() ? "lucene-int8" : "lucene";
  }

  @Override
  public void build(float[][] vectors) {
    // A buffer big enough for every vector: one flush, one segment, no merge rebuilding graphs.
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(LuceneCodecs.codec(params))
            .setRAMBufferSizeMB(2047)
            .setUseCompoundFile(false);
    try {
      directory = FSDirectory.open(dir);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (float[] vector : vectors) {
          Document doc = new Document();
          doc.add(new KnnFloatVectorField(FIELD, vector, VectorSimilarityFunction.DOT_PRODUCT));
          writer.addDocument(doc);
        }
        writer.forceMerge(1);
        writer.commit();
      }
      reader = DirectoryReader.open(directory);
      searcher = new IndexSearcher(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Lucene benchmark index failed: " + e.getMessage(), e);
    }
  }

  @Override
  public int[] search(float[] query, int k, int effort) {
    try {
      int candidates = Math.max(k, effort);
      Query knn = new KnnFloatVectorQuery(FIELD, query, candidates);
      if (params.quantized()) {
        // As production does: the graph ranks by 8-bit scores, full precision re-ranks them.
        knn = RescoreTopNQuery.createFullPrecisionRescorerQuery(knn, query, FIELD, candidates);
      }
      TopDocs top = searcher.search(knn, k);
      int[] rows = new int[top.scoreDocs.length];
      int i = 0;
      for (ScoreDoc hit : top.scoreDocs) {
        rows[i++] = hit.doc;
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Lucene search failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long bytes() {
    try (Stream<Path> files = Files.list(dir)) {
      long total = 0;
      for (Path file : files.toList()) {
        total += Files.size(file);
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot size " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean tunable() {
    return true;
  }

  @Override
  public void close() {
    try {
      if (reader != null) {
        reader.close();
        reader = null;
        searcher = null;
      }
      if (directory != null) {
        directory.close();
        directory = null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + dir + ": " + e.getMessage(), e);
    }
  }
}
