package org.facesearch.model.verify;

/**
 * A verification pair's similarity score (higher: more alike, e.g. the cosine of two embeddings)
 * and whether the two faces really are the same person.
 */
public record ScoredPair(double score, boolean same) {}
