package org.facesearch.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an LFW copy keeps its person folders. The tarballs unpack differently (the original and
 * funneled ones put {@code <Name>/} directly in the top folder, our fetch puts them under {@code
 * images/}), so both are accepted.
 */
final class LfwLayout {
  static final String IMAGES = "images";
  static final String EXPECTED =
      "an LFW folder holds images/<Name>/<Name>_NNNN.jpg or <Name>/<Name>_NNNN.jpg";

  private LfwLayout() {}

  /** The folder holding the person folders, or empty with {@link #problemWith} saying why not. */
  static Optional<Path> imagesFolder(Path root) {
    return problemWith(root).isEmpty() ? Optional.of(candidate(root)) : Optional.empty();
  }

  /** Why {@code root} is not an LFW copy, or empty when it is one. Reads only folder listings. */
  static Optional<String> problemWith(Path root) {
    if (!Files.exists(root)) {
      return Optional.of("does not exist");
    }
    if (!Files.isDirectory(root)) {
      return Optional.of("is not a folder");
    }
    Path images = candidate(root);
    if (!holdsAPersonFolder(images)) {
      return Optional.of(
          (images.equals(root) ? "holds" : "has an images/ folder but it holds")
              + " no <Name>/<Name>_NNNN.jpg photos ("
              + EXPECTED
              + ")");
    }
    return Optional.empty();
  }

  private static Path candidate(Path root) {
    Path images = root.resolve(IMAGES);
    return Files.isDirectory(images) ? images : root;
  }

  private static boolean holdsAPersonFolder(Path folder) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, Files::isDirectory)) {
      for (Path person : entries) {
        String name = person.getFileName().toString();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(person)) {
          for (Path file : files) {
            if (imageNumber(name, file.getFileName().toString()) > 0) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * The number in {@code <identity>_NNNN.jpg} (four digits, from 1), or -1 when the file does not
   * follow LFW's naming in the folder {@code identity}.
   */
  static int imageNumber(String identity, String fileName) {
    int expectedLength = identity.length() + "_0000.jpg".length();
    if (fileName.length() != expectedLength
        || !fileName.startsWith(identity)
        || fileName.charAt(identity.length()) != '_'
        || !fileName.endsWith(".jpg")) {
      return -1;
    }
    int number = 0;
    for (int i = identity.length() + 1; i < identity.length() + 5; i++) {
      char c = fileName.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      number = number * 10 + (c - '0');
    }
    return number >= 1 ? number : -1;
  }
}
