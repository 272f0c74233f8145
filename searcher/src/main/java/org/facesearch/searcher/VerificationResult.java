package org.facesearch.searcher;

import org.facesearch.data.detect.FaceBox;

/**
 * Whether two photos show the same person: their faces' cosine similarity against the model's
 * verification threshold, and where each face was found.
 */
public record VerificationResult(
    boolean same, double score, double threshold, FaceBox faceA, FaceBox faceB) {}
