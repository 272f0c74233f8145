package org.facesearch.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.facesearch.data.FileTrees;
import org.facesearch.data.setting.SettingMessage;

/**
 * Writes a report folder all at once: files go into a hidden temporary folder beside the target,
 * which is renamed into place only when complete. A failure or a kill midway leaves no partial
 * report under the target's name (at most a hidden {@code .tmp-report-*} folder, which a write
 * beside it removes once it is a day old: younger ones may belong to a run still going). An earlier
 * report at the same place is replaced; any other non-empty folder is refused rather than deleted.
 */
public final class ReportDirectory {
  /** The file that marks a folder as a facesearch report (and so as safe to replace). */
  public static final String MARKER = "report.md";

  private static final String TEMP_PREFIX = ".tmp-report-";
  private static final Duration STALE = Duration.ofDays(1);

  private ReportDirectory() {}

  /**
   * Creates {@code target} filled by {@code fill}, which writes into the folder it is given.
   *
   * @throws ReportWriteException if {@code target} is a file or a non-empty folder that is not a
   *     report, or cannot be written
   */
  public static Path write(Path target, Consumer<Path> fill) {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    checkReplaceable(absolute);
    Path temp;
    try {
      Files.createDirectories(parent);
      removeStaleTemps(parent);
      temp = Files.createTempDirectory(parent, TEMP_PREFIX);
      if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        // Temporary folders are private; a finished report is as readable as any other folder.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (IOException e) {
      throw new ReportWriteException(
          "cannot create the report folder in " + parent + ": " + e.getMessage(), e);
    }
    try {
      fill.accept(temp);
      if (!Files.isRegularFile(temp.resolve(MARKER))) {
        throw new IllegalStateException("a report must contain " + MARKER);
      }
      replace(temp, absolute);
      return absolute;
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  private static void checkReplaceable(Path target) {
    if (Files.isRegularFile(target)) {
      throw new ReportWriteException(
          "cannot write the report to " + target + ": it is a file, not a folder");
    }
    if (Files.isDirectory(target)
        && !isEmpty(target)
        && !Files.isRegularFile(target.resolve(MARKER))) {
      throw new ReportWriteException(
          SettingMessage.of(
              "will not replace "
                  + target
                  + ": it is a non-empty folder without a "
                  + MARKER
                  + ", so not an earlier report; change ",
              EvaluationSetting.REPORT));
    }
  }

  private static void replace(Path temp, Path target) {
    try {
      if (!Files.exists(target)) {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      // An earlier report: step it aside, move the new one in, then delete the old one; if the
      // move fails the old one goes back.
      Path old = Files.createTempDirectory(target.getParent(), TEMP_PREFIX + "old-");
      Files.delete(old);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        throw e;
      }
      deleteQuietly(old);
    } catch (AtomicMoveNotSupportedException e) {
      throw new ReportWriteException(
          "cannot rename the finished report onto " + target + " atomically: " + e.getMessage(), e);
    } catch (FileAlreadyExistsException e) {
      throw new ReportWriteException(
          "cannot write the report: " + target + " appeared while it was being written", e);
    } catch (IOException e) {
      throw new ReportWriteException(
          "cannot move the finished report to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Leftovers of runs killed before their rename. */
  private static void removeStaleTemps(Path parent) throws IOException {
    Instant cutoff = Instant.now().minus(STALE);
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path entry : entries.toList()) {
        if (entry.getFileName().toString().startsWith(TEMP_PREFIX)
            && Files.isDirectory(entry)
            && Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
          deleteQuietly(entry);
        }
      }
    }
  }

  private static boolean isEmpty(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path folder) {
    try {
      FileTrees.deleteTree(folder);
    } catch (IOException e) {
      // Best effort: a leftover temporary folder is removed by the next write.
    }
  }
}
