package org.facesearch.indexer;

/** A gallery image as stored in the index. {@code image} is relative as described by its source. */
public record IndexedImage(String identity, String image, GallerySource source, String sha256) {}
