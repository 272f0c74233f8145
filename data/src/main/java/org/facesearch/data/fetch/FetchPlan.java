package org.facesearch.data.fetch;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What to download and from where: one image archive and the protocol files, all named relative to
 * {@code base}.
 */
public record FetchPlan(URI base, RemoteFile archive, List<RemoteFile> protocolFiles) {

  /**
   * LFW's official download folder, the one its home page links to. Reported unreachable since
   * early 2025; {@link #from(URI, LfwVariant)} takes a mirror with the same file names.
   */
  public static final String OFFICIAL_URL = "http://vis-www.cs.umass.edu/lfw/";

  public static final URI OFFICIAL_BASE = URI.create(OFFICIAL_URL);

  public FetchPlan {
    Objects.requireNonNull(archive, "archive");
    protocolFiles = List.copyOf(protocolFiles);
    base = asFolder(Objects.requireNonNull(base, "base"));
  }

  /** The official files of a variant. */
  public static FetchPlan official(LfwVariant variant) {
    return from(OFFICIAL_BASE, variant);
  }

  /** A variant's files, with their official checksums, from a mirror of LFW's download folder. */
  public static FetchPlan from(URI base, LfwVariant variant) {
    return new FetchPlan(base, variant.archive(), LfwVariant.protocolFiles());
  }

  public URI uriOf(RemoteFile file) {
    return base.resolve(file.name());
  }

  /**
   * Every file that is downloaded: the protocol files (small, so errors show early), then the
   * archive.
   */
  public List<RemoteFile> files() {
    return Stream.concat(protocolFiles.stream(), Stream.of(archive)).toList();
  }

  /** Everything is resolved against the base, so it must be an absolute http(s) folder. */
  private static URI asFolder(URI base) {
    String scheme = base.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || base.getHost() == null) {
      throw new IllegalArgumentException(
          "a download base must be an http:// or https:// URL, got '" + base + "'");
    }
    String path =
        base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
    if (!path.endsWith("/")) {
      path = path + "/";
    }
    return URI.create(scheme + "://" + base.getRawAuthority() + path);
  }
}
