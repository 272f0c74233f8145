package org.facesearch.model.verify;

/** A decision threshold (same person iff score >= threshold) and its accuracy on some pairs. */
public record ThresholdChoice(double threshold, double accuracy) {}
