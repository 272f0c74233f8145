package org.facesearch.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive right to change an index root (build, enrol, prune). An OS file lock, so a killed
 * process releases it automatically and never leaves the index locked.
 */
public final class IndexLock implements AutoCloseable {
  static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private IndexLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock without waiting.
   *
   * @throws IndexBusyException if another build or enrolment holds it
   */
  static IndexLock acquire(Path indexRoot) {
    try {
      Files.createDirectories(indexRoot);
      FileChannel channel =
          FileChannel.open(
              indexRoot.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IndexBusyException(
            "the index at "
                + indexRoot
                + " is busy: another build or enrolment is running; try again when it has"
                + " finished");
      }
      return new IndexLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot lock the index at " + indexRoot + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try (channel) {
      lock.release();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the index lock: " + e.getMessage(), e);
    }
  }
}
