package org.facesearch.indexer;

/** A gallery image near a query embedding; {@code score} is the cosine similarity, -1..1. */
public record Neighbour(IndexedImage image, float score) {}
