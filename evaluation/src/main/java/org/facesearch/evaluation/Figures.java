package org.facesearch.evaluation;

import java.util.List;
import org.facesearch.data.image.FaceCrop;

/**
 * What the report's plots are drawn from.
 *
 * @param view2Pairs every pairs.txt pair with its score (histogram; the ROC is in {@link View2})
 * @param view1Mistakes the pairsDevTest pairs judged wrongly, most confident first (at most {@link
 *     PairMistake#MAX_SHOWN}); empty when the protocols were not run
 * @param subsetFaces the whole min-faces subset, embedded
 * @param pca the first two principal components of each subset face
 * @param tsne the t-SNE position of each subset face
 * @param thumbnailRows the subset faces drawn on the thumbnail map
 * @param thumbnails their crops, in the same order
 */
public record Figures(
    List<ScoredFacePair> view2Pairs,
    List<PairMistake> view1Mistakes,
    EmbeddedFaces subsetFaces,
    double[][] pca,
    double[][] tsne,
    List<Integer> thumbnailRows,
    List<FaceCrop> thumbnails) {
  public Figures {
    view2Pairs = List.copyOf(view2Pairs);
    view1Mistakes = List.copyOf(view1Mistakes);
    thumbnailRows = List.copyOf(thumbnailRows);
    thumbnails = List.copyOf(thumbnails);
    if (thumbnailRows.size() != thumbnails.size()) {
      throw new IllegalArgumentException(
          thumbnailRows.size() + " thumbnail rows but " + thumbnails.size() + " crops");
    }
  }
}
