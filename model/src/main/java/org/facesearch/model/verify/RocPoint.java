package org.facesearch.model.verify;

/**
 * One point of a ROC curve: the rates at which different-person and same-person pairs score at
 * least {@code threshold}. The first point's threshold is positive infinity (nothing accepted).
 */
public record RocPoint(double threshold, double falsePositiveRate, double truePositiveRate) {}
