package org.facesearch.indexer.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.StoredFields;
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
import org.apache.lucene.search.TopDocs;
import org.facesearch.indexer.Neighbour;

/**
 * Approximate nearest gallery images (HNSW), rescored against the full-precision vectors so that
 * scores are exact cosine similarities even in a quantised index. Used by the build's self-check
 * and by every query.
 */
public final class NearestImages {
  private NearestImages() {}

  /**
   * The {@code k} nearest images, best first.
   *
   * @param excludeSha256 leaves out gallery images with exactly these bytes
   */
  public static List<Neighbour> search(
      IndexSearcher searcher, float[] embedding, int k, Optional<String> excludeSha256) {
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
      TopDocs top = searcher.search(exact, k);
      StoredFields fields = searcher.storedFields();
      List<Neighbour> neighbours = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc hit : top.scoreDocs) {
        neighbours.add(new Neighbour(GalleryDocuments.read(fields, hit.doc), cosine(hit.score)));
      }
      return neighbours;
    } catch (IOException e) {
      throw new UncheckedIOException("index search failed: " + e.getMessage(), e);
    }
  }

  /** Lucene scores unit-vector dot products as (1 + cos) / 2; undo that. */
  private static float cosine(float luceneScore) {
    return 2 * luceneScore - 1;
  }
}
