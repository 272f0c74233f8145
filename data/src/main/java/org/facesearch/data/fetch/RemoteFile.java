package org.facesearch.data.fetch;

import java.util.Objects;

/** A file to download, by its name relative to the download base, and its published checksum. */
public record RemoteFile(String name, Checksum checksum) {
  public RemoteFile {
    Objects.requireNonNull(checksum, "checksum");
    if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
      throw new IllegalArgumentException("a remote file is a plain file name, got '" + name + "'");
    }
  }
}
