package org.facesearch.searcher;

import java.nio.file.Path;

/**
 * One image of the gallery as the serving build holds it: whose it is, its path as stored in the
 * index, where the file is on disk, and the SHA-256 of its bytes (an id that names no path).
 */
public record GalleryPhoto(String identity, String image, Path file, String sha256) {}
