package org.facesearch.data.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a failed request may leave behind: every file under the folders it may write to, and the
 * temporary files facesearch and its web server name in {@code java.io.tmpdir}. The temp folder is
 * shared with every other process on the machine, so only names this stack makes are compared.
 */
public record Leftovers(Set<String> files, Set<String> temporary) {
  private static final Pattern OURS =
      Pattern.compile("(?i).*(facesearch|multipart|jetty|javalin|\\.tmp).*");

  /** Lists {@code folders} (recursively) and the temp folder now. */
  public static Leftovers of(Path... folders) {
    Set<String> files = new TreeSet<>();
    for (Path folder : folders) {
      if (!Files.exists(folder)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.forEach(path -> files.add(path + (Files.isDirectory(path) ? "/" : " " + size(path))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Set<String> temporary = new TreeSet<>();
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      entries
          .map(path -> path.getFileName().toString())
          .filter(name -> OURS.matcher(name).matches())
          .forEach(temporary::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Leftovers(files, temporary);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Names in {@code later} that were not here: files or temp entries left behind. A new temp entry
   * counts only if it is still there a moment later: the temp folder is shared, and another process
   * on the machine (a build, ImageIO's {@code imageio*.tmp} caches) may be in the middle of using
   * one of its own for a few milliseconds; what a failed request leaves behind is still there a
   * second later.
   */
  public Set<String> addedBy(Leftovers later) {
    Set<String> added = new TreeSet<>(later.files);
    added.removeAll(files);
    Set<String> temps = new TreeSet<>(later.temporary);
    temps.removeAll(temporary);
    if (!temps.isEmpty()) {
      pause();
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      temps.removeIf(name -> !Files.exists(tmp.resolve(name)));
    }
    temps.forEach(name -> added.add("tmpdir/" + name));
    return added;
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
