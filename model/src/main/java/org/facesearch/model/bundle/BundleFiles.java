package org.facesearch.model.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The one way a file is added to an existing bundle folder. */
final class BundleFiles {
  private BundleFiles() {}

  /**
   * Writes {@code text} as {@code name} in {@code bundle}, replacing any there, atomically: a
   * temporary file beside it, renamed over it. Readable by all as the bundle's other files are (a
   * temporary file is the owner's only, and a server may run as another user).
   */
  static void write(Path bundle, String name, String text) throws IOException {
    Path target = bundle.resolve(name);
    Path temp = Files.createTempFile(bundle, name, ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: its own defaults apply.
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
