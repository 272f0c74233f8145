package org.facesearch.data.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small real LFW copy for tests that must change files: the chosen people's photos copied from
 * {@link LfwTestData#root()}, laid out under {@code images/} or directly in the folder, with the
 * matching lines of {@code MANIFEST.sha256}.
 */
public final class LfwSample {
  private LfwSample() {}

  /** Copies {@code people} into {@code target/images/} with a manifest. */
  public static Path copy(Path target, Collection<String> people) {
    return copy(target, people, true);
  }

  /** Copies {@code people} into {@code target/images/} or straight into {@code target}. */
  public static Path copy(Path target, Collection<String> people, boolean underImages) {
    Path source = LfwTestData.root();
    Path images = underImages ? target.resolve("images") : target;
    try {
      for (String person : people) {
        Path from = source.resolve("images").resolve(person);
        Path to = Files.createDirectories(images.resolve(person));
        try (Stream<Path> files = Files.list(from)) {
          for (Path file : files.toList()) {
            Files.copy(file, to.resolve(file.getFileName()));
          }
        }
      }
      if (underImages) {
        List<String> manifest =
            Files.readAllLines(source.resolve("MANIFEST.sha256")).stream()
                .filter(line -> people.stream().anyMatch(p -> line.contains("images/" + p + "/")))
                .toList();
        Files.write(target.resolve("MANIFEST.sha256"), manifest);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
