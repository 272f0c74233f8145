package org.facesearch.data;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removing a folder and everything in it: the one implementation every module uses. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes {@code root} (a file or a folder) with everything under it. Nothing there is fine, and
   * so is an entry that something else removes meanwhile; symbolic links are removed, not followed.
   *
   * @throws IOException if an entry cannot be deleted
   */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * {@link #deleteTree} for clean-up after a failure, where a second error must not hide the first:
   * whatever cannot be removed is left for the next run's clean-up.
   */
  public static void deleteQuietly(Path root) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      // Left behind; the caller's own error is the one the user needs to see.
    }
  }

  /** Fills a folder with files; may throw. */
  @FunctionalInterface
  public interface FolderWriter {
    void fill(Path folder) throws IOException;
  }

  /**
   * Creates the folder {@code target} whole or not at all: {@code writer} fills a temporary folder
   * beside it, which is then renamed; on any failure the temporary folder is removed. An existing
   * {@code target} is never replaced.
   *
   * @return {@code target}, absolute and normalised
   * @throws IOException when {@code target} exists or a file cannot be written
   */
  public static Path createAtomically(Path target, FolderWriter writer) throws IOException {
    Path folder = target.toAbsolutePath().normalize();
    if (Files.exists(folder)) {
      throw new IOException(
          "folder " + folder + " already exists; choose a new folder or remove it");
    }
    Files.createDirectories(folder.getParent());
    Path temp = Files.createTempDirectory(folder.getParent(), "." + folder.getFileName() + ".tmp-");
    try {
      writer.fill(temp);
      Files.move(temp, folder, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return folder;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }
}
