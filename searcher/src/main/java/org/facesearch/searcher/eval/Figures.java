package org.facesearch.searcher.eval;

import java.util.List;

/**
 * What the report's plots are drawn from.
 *
 * @param view2Pairs every pairs.txt pair with its score (histogram; the ROC is in {@link View2})
 * @param subsetFaces the whole min-faces subset, embedded
 * @param pca the first two principal components of each subset face
 * @param tsne the t-SNE position of each subset face
 */
public record Figures(List<ScoredFacePair> view2Pairs, EmbeddedFaces subsetFaces, double[][] pca, double[][] tsne) {
  public Figures {
    view2Pairs = List.copyOf(view2Pairs);
  }
}
