package org.facesearch.data.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.PairsFile;

/** A pairs file's pairs as crop indices, fold by fold, for evaluating verification. */
public final class ProtocolPairs {
  private final List<List<IndexPair>> folds;

  private ProtocolPairs(List<List<IndexPair>> folds) {
    this.folds = folds;
  }

  /**
   * Maps every pair of {@code file} to indices of {@code crops}.
   *
   * @throws org.facesearch.data.ImageNotFoundException naming the first image the crops lack
   */
  public static ProtocolPairs of(PairsFile file, CachedCrops crops) {
    List<List<IndexPair>> folds = new ArrayList<>();
    for (int fold = 0; fold < file.folds(); fold++) {
      folds.add(new ArrayList<>());
    }
    for (FacePair pair : file.pairs()) {
      folds
          .get(pair.fold())
          .add(
              new IndexPair(
                  crops.indexOf(pair.a().key()), crops.indexOf(pair.b().key()), pair.same()));
    }
    return new ProtocolPairs(folds.stream().map(List::copyOf).toList());
  }

  public int folds() {
    return folds.size();
  }

  /** The pairs of fold {@code index} (0-based), in file order. */
  public List<IndexPair> fold(int index) {
    return folds.get(Objects.checkIndex(index, folds.size()));
  }

  /** Every pair, fold by fold. */
  public List<IndexPair> all() {
    return folds.stream().flatMap(List::stream).toList();
  }
}
