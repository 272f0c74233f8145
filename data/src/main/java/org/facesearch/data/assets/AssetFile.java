package org.facesearch.data.assets;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One file facesearch takes from a published package: its path inside the package (as the package
 * lays it out, without npm's leading {@code package/}), its SHA-256 and its size in bytes. The size
 * is checked before the hash, so a truncated file is named as truncated.
 */
public record AssetFile(String path, String sha256, long bytes) {

  public AssetFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    List<String> segments = List.of(path.split("/"));
    if (path.isBlank()
        || path.startsWith("/")
        || path.contains("\\")
        || segments.stream().anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
      throw new IllegalArgumentException(
          "an asset path is relative and stays inside its package, got '" + path + "'");
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a SHA-256 is 64 hex digits, got '" + sha256 + "'");
    }
    if (bytes <= 0) {
      throw new IllegalArgumentException("an asset file has a positive size, got " + bytes);
    }
  }

  /** The file's name without its folders. */
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
