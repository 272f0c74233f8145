package org.facesearch.indexer.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.facesearch.indexer.IndexedImage;
import org.facesearch.indexer.Neighbour;

/**
 * Approximate nearest gallery images (HNSW) of one open reader, rescored against the full-precision
 * vectors so that scores are exact cosine similarities even in a quantised index. Used by the
 * build's self-check and look-alike calibration and by every query; thread-safe.
 */
public final class NearestImages {
  private final IndexSearcher searcher;
  private final StoredImages stored;

  public NearestImages(IndexSearcher searcher) {
    this.searcher = searcher;
    this.stored = new StoredImages(searcher);
  }

  /**
   * The {@code k} nearest images, best first.
   *
   * @param excludeSha256 leaves out gallery images with exactly these bytes
   */
  public List<Neighbour> search(float[] embedding, int k, Optional<String> excludeSha256) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    Query filter =
        excludeSha256
            .<Query>map(
                sha ->
                    new BooleanQuery.Builder()
                        .add(MatchAllDocsQuery.INSTANCE, BooleanClause.Occur.FILTER)
                        .add(
                            new TermQuery(new Term(GalleryDocuments.SHA256, sha)),
                            BooleanClause.Occur.MUST_NOT)
                        .build())
            .orElse(null);
    Query knn = new KnnFloatVectorQuery(GalleryDocuments.EMBEDDING, embedding, k, filter);
    Query exact =
        RescoreTopNQuery.createFullPrecisionRescorerQuery(
            knn, embedding, GalleryDocuments.EMBEDDING, k);
    try {
      ScoreDoc[] hits = searcher.search(exact, k).scoreDocs;
      IndexedImage[] images = stored.of(Arrays.stream(hits).mapToInt(hit -> hit.doc).toArray());
      List<Neighbour> neighbours = new ArrayList<>(hits.length);
      for (int i = 0; i < hits.length; i++) {
        neighbours.add(new Neighbour(images[i], cosine(hits[i].score)));
      }
      return neighbours;
    } catch (IOException e) {
      throw new UncheckedIOException("index search failed: " + e.getMessage(), e);
    }
  }

  /** Every live gallery image of this reader, in document order. */
  public List<IndexedImage> images() {
    try {
      return List.copyOf(stored.all());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the gallery: " + e.getMessage(), e);
    }
  }

  /** Lucene scores unit-vector dot products as (1 + cos) / 2; undo that. */
  private static float cosine(float luceneScore) {
    return 2 * luceneScore - 1;
  }
}
