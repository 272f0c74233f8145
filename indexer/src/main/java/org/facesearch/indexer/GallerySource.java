package org.facesearch.indexer;

/** Where a gallery image lives: the LFW copy the index was built from, or the enrolled folder. */
public enum GallerySource {
  /** {@code image} is relative to the build's data root. */
  LFW,
  /** {@code image} is relative to the index root ({@code enrolled/<Name>/<Name>_NNNN.jpg}). */
  ENROLLED
}
