package org.facesearch.data.assets;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A pinned package from the npm registry and the files facesearch uses from it. Pinning both the
 * version and the tarball's SHA-256 means a re-published or tampered package is refused, not
 * silently used; each file's own SHA-256 is checked again every time it is loaded.
 *
 * @param id short name of the pack, also its folder name in the store (letters, digits, '-')
 * @param npmPackage the npm package name, e.g. {@code @vladmandic/face-api}
 * @param version the exact published version
 * @param tarballSha256 SHA-256 of the package tarball as {@code npm pack} writes it
 * @param licence the licence the files are used under, as the user should read it
 * @param source where the files come from and who made them, in a sentence
 * @param files the files taken from the package
 */
public record AssetPack(
    String id,
    String npmPackage,
    String version,
    String tarballSha256,
    String licence,
    String source,
    List<AssetFile> files) {

  public AssetPack {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(npmPackage, "npmPackage");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(tarballSha256, "tarballSha256");
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(source, "source");
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "a pack id is lower-case letters, digits and '-', got '" + id + "'");
    }
    if (!npmPackage.matches("(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*")) {
      throw new IllegalArgumentException("not an npm package name: '" + npmPackage + "'");
    }
    if (!version.matches("[0-9A-Za-z.+-]+")) {
      throw new IllegalArgumentException(
          "a pinned version is exact (e.g. 1.2.0), got '" + version + "'");
    }
    tarballSha256 = tarballSha256.toLowerCase(Locale.ROOT);
    if (!tarballSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a SHA-256 is 64 hex digits, got '" + tarballSha256 + "'");
    }
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("pack " + id + " names no files");
    }
    Set<String> paths = new HashSet<>();
    for (AssetFile file : files) {
      if (!paths.add(file.path())) {
        throw new IllegalArgumentException("pack " + id + " names " + file.path() + " twice");
      }
    }
  }

  /** What {@code npm pack} is asked for: {@code name@version}. */
  public String npmSpec() {
    return npmPackage + "@" + version;
  }

  /** The pack's folder name in a store: id and version, so two versions can sit side by side. */
  public String folderName() {
    return id + "-" + version;
  }

  /** The named file of this pack. */
  public AssetFile file(String path) {
    return files.stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("pack " + id + " has no file " + path));
  }

  /** Total bytes of the files taken. */
  public long bytes() {
    return files.stream().mapToLong(AssetFile::bytes).sum();
  }
}
