package org.facesearch.data.sample;

/** Crop indices: {@code anchor} and {@code positive} show one person, {@code negative} another. */
public record Triplet(int anchor, int positive, int negative) {}
