package org.facesearch.data.fetch;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.facesearch.data.DataSetting;
import org.facesearch.data.FileTrees;
import org.facesearch.data.setting.SettingMessage;

/**
 * Downloads LFW and installs it as {@code <target>/images/<Name>/<Name>_NNNN.jpg} plus the protocol
 * files in {@code <target>/}.
 *
 * <p>Nothing half-done is ever visible at {@code target}: files are downloaded and verified in
 * {@code <target>.download/}, unpacked into a hidden temporary folder beside the target, and the
 * finished folder is renamed into place in one step. When a fetch fails, everything it created is
 * removed except unfinished {@code *.part} downloads in {@code <target>.download/}, which the next
 * fetch resumes; deleting that folder is always safe. A fetch killed outright (kill -9) cannot
 * clean up; the next one removes its hidden folders. Two fetches into one folder at once are not
 * allowed: the second is refused while the first holds the lock in {@code <target>.download/}.
 */
public final class LfwFetcher {
  /** Dropped connections are resumed this many times in one run before giving up. */
  private static final int ATTEMPTS = 3;

  private static final String LOCK = ".fetch.lock";
  private static final String UNPACKING = ".unpacking-";
  private static final String OLD = ".old-";

  private final PrintStream progress;

  /**
   * @param progress where progress bars and status lines go: stderr for a command line
   */
  public LfwFetcher(PrintStream progress) {
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * Fetches {@code plan} into {@code target}. A complete dataset already there is kept ({@link
   * FetchOutcome.AlreadyPresent}) unless {@code force}; anything else already there is replaced
   * only with {@code force}.
   */
  public FetchOutcome fetch(FetchPlan plan, Path target, boolean force) throws IOException {
    Path dataset = target.toAbsolutePath().normalize();
    if (dataset.getParent() == null) {
      throw new FetchException("cannot install LFW as the file system root; choose a data folder");
    }
    if (Files.exists(dataset) && !Files.isDirectory(dataset)) {
      throw new FetchException(dataset + " is a file, not a folder; choose another data folder");
    }
    if (!force && isComplete(dataset, plan)) {
      return new FetchOutcome.AlreadyPresent(dataset);
    }
    if (!force && Files.isDirectory(dataset) && !isEmpty(dataset)) {
      throw new FetchException(
          SettingMessage.of(
              dataset
                  + " exists but is not a complete LFW dataset (it needs images/ and "
                  + String.join(", ", plan.protocolFiles().stream().map(RemoteFile::name).toList())
                  + "); use ",
              DataSetting.FORCE,
              " to replace it"));
    }
    Path parent = dataset.getParent();
    List<Path> createdFolders = createFolders(parent);
    Path downloads = parent.resolve(dataset.getFileName() + ".download");
    Files.createDirectories(downloads);
    // Held until this fetch ends; the OS releases it when a killed fetch dies, so a stale lock
    // never blocks the next run.
    try (FileChannel lockFile =
            FileChannel.open(
                downloads.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(lockFile, dataset)) {
      removeLeftoversOfKilledRuns(parent, dataset.getFileName().toString());
      Path staging = null;
      boolean done = false;
      try {
        download(plan, downloads);
        staging = Files.createTempDirectory(parent, "." + dataset.getFileName() + UNPACKING);
        progress.println("Unpacking " + plan.archive().name() + " ...");
        LfwArchive.Contents contents =
            LfwArchive.unpack(
                downloads.resolve(plan.archive().name()), staging.resolve("images"), progress);
        for (RemoteFile file : plan.protocolFiles()) {
          Files.copy(downloads.resolve(file.name()), staging.resolve(file.name()));
        }
        install(staging, dataset);
        staging = null;
        deleteTree(downloads);
        done = true;
        return new FetchOutcome.Fetched(dataset, contents.identities(), contents.images());
      } finally {
        if (!done) {
          cleanUpAfterFailure(staging, downloads, createdFolders);
        }
      }
    }
  }

  private static FileLock tryLock(FileChannel lockFile, Path dataset) throws IOException {
    FileLock lock;
    try {
      lock = lockFile.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another fetch in this JVM
    }
    if (lock == null) {
      throw new FetchException(
          "another LFW fetch is writing " + dataset + "; wait for it to finish");
    }
    return lock;
  }

  /**
   * A fetch killed while unpacking or installing (kill -9, power loss) leaves its hidden staging or
   * set-aside folder beside the target; only a fetch holding the lock may remove them.
   */
  private static void removeLeftoversOfKilledRuns(Path parent, String name) throws IOException {
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path entry : entries.toList()) {
        String file = entry.getFileName().toString();
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            && (file.startsWith("." + name + UNPACKING) || file.startsWith("." + name + OLD))) {
          deleteTree(entry);
        }
      }
    }
  }

  /** A complete dataset: an images folder with at least one person, and every protocol file. */
  public static boolean isComplete(Path dataset, FetchPlan plan) throws IOException {
    Path images = dataset.resolve("images");
    if (!Files.isDirectory(images)) {
      return false;
    }
    for (RemoteFile file : plan.protocolFiles()) {
      if (!Files.isRegularFile(dataset.resolve(file.name()))) {
        return false;
      }
    }
    try (Stream<Path> people = Files.list(images)) {
      return people.anyMatch(Files::isDirectory);
    }
  }

  private void download(FetchPlan plan, Path downloads) throws IOException {
    try (HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build()) {
      Downloader downloader = new Downloader(client, progress, ATTEMPTS);
      for (RemoteFile file : plan.files()) {
        downloader.download(plan.uriOf(file), downloads.resolve(file.name()), file.checksum());
      }
    }
  }

  /**
   * Renames the finished folder into place. A folder already there (empty, or replaced with force)
   * is first renamed aside, so the target is at every moment either the old folder, absent for an
   * instant, or the new one, and never a mixture.
   */
  private static void install(Path staging, Path dataset) throws IOException {
    if (!Files.exists(dataset)) {
      Files.move(staging, dataset, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path aside = Files.createTempDirectory(dataset.getParent(), "." + dataset.getFileName() + OLD);
    Files.delete(aside);
    Files.move(dataset, aside, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(staging, dataset, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(aside, dataset, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteTree(aside);
  }

  /** Keeps only resumable parts; removes every other file and folder this fetch created. */
  private static void cleanUpAfterFailure(Path staging, Path downloads, List<Path> createdFolders) {
    try {
      if (staging != null) {
        deleteTree(staging);
      }
      if (Files.isDirectory(downloads)) {
        try (Stream<Path> files = Files.list(downloads)) {
          for (Path file : files.toList()) {
            if (!file.getFileName().toString().endsWith(Downloader.PART)) {
              deleteTree(file);
            }
          }
        }
        deleteIfEmpty(downloads);
      }
      for (Path folder : createdFolders.reversed()) {
        deleteIfEmpty(folder);
      }
    } catch (IOException e) {
      // The original failure is the one worth reporting; leftovers here are hidden temp folders.
    }
  }

  /**
   * Creates {@code folder} and its missing parents, returning those it created, outermost first.
   */
  private static List<Path> createFolders(Path folder) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
      missing.addFirst(p);
    }
    Files.createDirectories(folder);
    return missing;
  }

  private static boolean isEmpty(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteIfEmpty(Path folder) throws IOException {
    try {
      Files.deleteIfExists(folder);
    } catch (DirectoryNotEmptyException e) {
      // Holds a resumable part or someone else's files: keep it.
    }
  }

  private static void deleteTree(Path root) throws IOException {
    FileTrees.deleteTree(root);
  }
}
