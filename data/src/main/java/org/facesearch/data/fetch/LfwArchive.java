package org.facesearch.data.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks an LFW .tgz ({@code lfw/<Name>/<Name>_NNNN.jpg}, whatever the top folder is called) into
 * {@code images/<Name>/<Name>_NNNN.jpg}. Only image files in that layout are written; other entries
 * (folders, the funneled archive's extra text files) are skipped. An entry whose path could escape
 * the destination ({@code ..}, absolute) fails the whole archive.
 */
final class LfwArchive {
  private static final Pattern IMAGE = Pattern.compile("(.+)_\\d{4}\\.jpg");

  private LfwArchive() {}

  /** What an archive held. */
  record Contents(int identities, int images) {}

  static Contents unpack(Path archive, Path images, PrintStream progress) throws IOException {
    Files.createDirectories(images);
    Set<String> identities = new HashSet<>();
    int count = 0;
    ProgressBarBuilder bar =
        new ProgressBarBuilder()
            .setTaskName("unpacking")
            .setStyle(ProgressBarStyle.UNICODE_BLOCK)
            .setInitialMax(Files.size(archive))
            .setUnit("MiB", 1 << 20)
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(progress));
    try (InputStream file = ProgressBar.wrap(Files.newInputStream(archive), bar);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(
                new GzipCompressorInputStream(new BufferedInputStream(file)))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        List<String> parts = safeSegments(entry.getName(), archive);
        if (!entry.isFile() || parts.size() < 2 || parts.size() > 3) {
          continue;
        }
        String name = parts.get(parts.size() - 2);
        String fileName = parts.getLast();
        var image = IMAGE.matcher(fileName);
        if (!image.matches() || !image.group(1).equals(name)) {
          continue;
        }
        Path folder = images.resolve(name);
        Files.createDirectories(folder);
        Files.copy(tar, folder.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        identities.add(name);
        count++;
      }
    } catch (IOException e) {
      if (e instanceof FetchException) {
        throw e;
      }
      throw new FetchException("cannot unpack " + archive + ": " + e.getMessage(), e);
    }
    if (count == 0) {
      throw new FetchException(
          archive
              + " holds no images laid out as <folder>/<Name>/<Name>_NNNN.jpg; is it an LFW"
              + " archive?");
    }
    return new Contents(identities.size(), count);
  }

  /**
   * The entry's path segments, refusing anything that could land outside the destination: an
   * absolute path, a drive letter, a backslash or a {@code ..} segment.
   */
  private static List<String> safeSegments(String entryName, Path archive) throws FetchException {
    String name = entryName.startsWith("./") ? entryName.substring(2) : entryName;
    List<String> parts = List.of(name.split("/+"));
    boolean unsafe =
        name.startsWith("/")
            || name.contains("\\")
            || name.matches("^[A-Za-z]:.*")
            || parts.stream().anyMatch(p -> p.equals(".."));
    if (unsafe) {
      throw new FetchException(
          archive
              + " contains the entry '"
              + entryName
              + "', which points outside the folder it"
              + " is unpacked into; refusing to unpack it");
    }
    return parts.stream().filter(p -> !p.isEmpty() && !p.equals(".")).toList();
  }
}
