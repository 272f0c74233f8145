package org.facesearch.searcher;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * A person who looks like the query face: their best-matching image and its cosine similarity.
 * {@code image} is the path as stored in the index; {@code file} is where it is on disk; {@code
 * sha256} identifies the image's bytes (an id that names no path); {@code identification} is the
 * probability that this person is the query's, at this rank of this search (see {@link
 * Identification}), empty when the serving build has no look-alike calibration.
 */
public record LookAlike(
    String identity,
    float score,
    String image,
    Path file,
    String sha256,
    OptionalDouble identification) {}
