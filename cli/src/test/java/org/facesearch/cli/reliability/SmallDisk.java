package org.facesearch.cli.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** A small tmpfs mounted for one test: a file system that really fills up (ENOSPC). */
final class SmallDisk implements AutoCloseable {
  private final Path root;

  private SmallDisk(Path root) {
    this.root = root;
  }

  /** Mounts {@code megabytes} of tmpfs at {@code root}, or skips the test where that needs root. */
  static SmallDisk mount(Path root, int megabytes) throws IOException, InterruptedException {
    Files.createDirectories(root);
    Process mount =
        new ProcessBuilder(
                "mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", root.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(mount.getInputStream().readAllBytes());
    boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
    Assumptions.assumeTrue(mounted, () -> "cannot mount a tmpfs here (needs root): " + output);
    return new SmallDisk(root);
  }

  Path root() {
    return root;
  }

  /** Writes a filler file until the disk is full, then frees {@code bytes} of it. */
  void fillLeaving(long bytes) throws IOException {
    Path filler = root.resolve("filler");
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left")) {
        throw e;
      }
    }
    try (FileChannel file = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      file.truncate(Math.max(0, file.size() - bytes));
    }
  }

  /** Total size of the files under {@code folder}. */
  static long bytes(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(SmallDisk::size).sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Process umount =
        new ProcessBuilder("umount", root.toString()).redirectErrorStream(true).start();
    String output = new String(umount.getInputStream().readAllBytes());
    if (!umount.waitFor(30, TimeUnit.SECONDS) || umount.exitValue() != 0) {
      throw new IOException("cannot unmount " + root + ": " + output);
    }
  }
}
