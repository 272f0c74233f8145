package org.facesearch.evaluation;

/** One fold of View 2: the threshold chosen on the other folds and the accuracy it gets here. */
public record FoldResult(int fold, double threshold, double accuracy, int pairs) {}
