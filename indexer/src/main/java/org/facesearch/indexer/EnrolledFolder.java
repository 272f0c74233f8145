package org.facesearch.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.facesearch.data.FileTrees;

/**
 * {@code <indexRoot>/enrolled/<Name>/<Name>_NNNN.jpg}: the LFW-framed copies of enrolled people's
 * photos. Every build indexes them alongside LFW, so an enrolment survives re-indexing.
 */
public final class EnrolledFolder {
  static final String NAME = "enrolled";

  /** Unfinished work (an enrolment's staged photos); the next build removes what a kill left. */
  public static final String TEMPORARY = ".tmp-";

  private static final Pattern FILE = Pattern.compile("(.+)_(\\d{4})\\.jpg");

  private final Path indexRoot;
  private final Path dir;

  public EnrolledFolder(Path indexRoot) {
    this.indexRoot = indexRoot;
    this.dir = indexRoot.resolve(NAME);
  }

  public Path dir() {
    return dir;
  }

  /** Every enrolled photo, by person then number; folders that are not valid names are skipped. */
  public List<GalleryImage> images() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<GalleryImage> images = new ArrayList<>();
    try (DirectoryStream<Path> people = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path folder : people) {
        String person = folder.getFileName().toString();
        if (isValidName(person)) {
          for (Path file : numbered(folder, person)) {
            images.add(
                new GalleryImage(
                    person, GalleryImage.relative(indexRoot, file), file, GallerySource.ENROLLED));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list enrolled photos in " + dir + ": " + e.getMessage(), e);
    }
    images.sort(Comparator.comparing(GalleryImage::image));
    return images;
  }

  /** Removes what interrupted enrolments left behind. Call under the lock. */
  public void removeStaleTemporaries() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path stale :
          entries.filter(p -> p.getFileName().toString().startsWith(TEMPORARY)).toList()) {
        FileTrees.deleteTree(stale);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The number the person's next photo gets: one past the highest so far, from 1. */
  int nextNumber(PersonName person) {
    Path folder = dir.resolve(person.value());
    if (!Files.isDirectory(folder)) {
      return 1;
    }
    int highest = 0;
    for (Path file : numbered(folder, person.value())) {
      highest = Math.max(highest, number(file));
    }
    return highest + 1;
  }

  /** Where the person's photo number {@code number} is kept. */
  Path file(PersonName person, int number) {
    return dir.resolve(person.value())
        .resolve(String.format("%s_%04d.jpg", person.value(), number));
  }

  /** The index's name for an enrolled file, relative to the index root. */
  String image(Path file) {
    return GalleryImage.relative(indexRoot, file);
  }

  private static List<Path> numbered(Path folder, String person) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, Files::isRegularFile)) {
      for (Path file : entries) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (m.matches() && m.group(1).equals(person) && Integer.parseInt(m.group(2)) > 0) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
    return files;
  }

  private static int number(Path file) {
    Matcher m = FILE.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalStateException("not a numbered photo: " + file);
    }
    return Integer.parseInt(m.group(2));
  }

  private static boolean isValidName(String name) {
    try {
      new PersonName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
