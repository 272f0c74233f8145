package org.facesearch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out DIR} of the commands that create a model folder, which must not exist yet. */
final class NewFolderOption {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Model folder to create (refused if it exists).")
  Path out;

  /** The folder, absolute; checked before any work so that nothing is computed in vain. */
  Path target() {
    Path target = out.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      throw new IllegalArgumentException(
          "--out " + target + " already exists; choose a new folder or remove it");
    }
    return target;
  }
}
