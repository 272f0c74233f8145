package org.facesearch.trainer.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.sample.IndexPair;
import org.facesearch.model.Embedder;
import org.facesearch.model.verify.ScoredPair;
import org.facesearch.model.verify.ScoredPairs;
import org.facesearch.model.verify.Similarity;

/**
 * Scores verification pairs by the cosine similarity of their embeddings, exactly as search
 * compares faces. Embeds each crop once, however many pairs (or calls) use it.
 */
public final class Verification {
  private final Embedder embedder;
  private final CachedCrops crops;
  private final Map<Integer, float[]> embedded = new HashMap<>();

  public Verification(Embedder embedder, CachedCrops crops) {
    this.embedder = embedder;
    this.crops = crops;
  }

  public ScoredPairs score(List<IndexPair> pairs) {
    TreeSet<Integer> missing = new TreeSet<>();
    for (IndexPair p : pairs) {
      missing.add(p.a());
      missing.add(p.b());
    }
    missing.removeAll(embedded.keySet());
    List<Integer> order = new ArrayList<>(missing);
    List<FaceCrop> batch = new ArrayList<>(order.size());
    order.forEach(i -> batch.add(crops.crop(i)));
    if (!batch.isEmpty()) {
      float[][] rows = embedder.embed(batch);
      for (int k = 0; k < rows.length; k++) {
        embedded.put(order.get(k), rows[k]);
      }
    }
    List<ScoredPair> scored = new ArrayList<>(pairs.size());
    for (IndexPair p : pairs) {
      float score = Similarity.cosine(embedded.get(p.a()), embedded.get(p.b()));
      scored.add(new ScoredPair(score, p.same()));
    }
    return new ScoredPairs(scored);
  }
}
