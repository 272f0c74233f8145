package org.facesearch.data.sample;

import org.facesearch.data.image.FaceCrop;

/** Two independently augmented views of crop {@code index}: a positive pair for SimCLR. */
public record TwoViews(int index, FaceCrop first, FaceCrop second) {}
