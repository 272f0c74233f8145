package org.facesearch.data.sample;

/** Two crop indices and whether they show the same person. */
public record IndexPair(int a, int b, boolean same) {
  /** 1 for the same person, 0 for different people: the target of a binary loss. */
  public int label() {
    return same ? 1 : 0;
  }
}
