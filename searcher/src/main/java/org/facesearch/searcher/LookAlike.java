package org.facesearch.searcher;

import java.nio.file.Path;

/**
 * A person who looks like the query face: their best-matching image and its cosine similarity.
 * {@code image} is the path as stored in the index; {@code file} is where it is on disk.
 */
public record LookAlike(String identity, float score, String image, Path file) {}
