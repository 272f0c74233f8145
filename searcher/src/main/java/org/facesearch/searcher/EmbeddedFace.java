package org.facesearch.searcher;

import org.facesearch.data.detect.FaceBox;

/** A user's photo reduced to its face: where it was, and its embedding. */
record EmbeddedFace(FaceBox face, float[] embedding) {}
