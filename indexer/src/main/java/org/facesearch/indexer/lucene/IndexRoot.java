package org.facesearch.indexer.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.facesearch.data.FileTrees;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexEntry;
import org.facesearch.indexer.InvalidIndexException;
import org.facesearch.indexer.NewBuild;
import org.facesearch.indexer.ServingGallery;

/**
 * The embedded gallery index, an index folder: {@code builds/<stamp>-<modelId>/} (each a complete
 * Lucene index plus {@code build.json}), {@code CURRENT} naming the serving build, and {@code
 * enrolled/}. Anything named {@code .tmp-*} is unfinished work that is invisible to readers and
 * removed by the next build.
 */
public final class IndexRoot implements GalleryIndex {
  static final String CURRENT = "CURRENT";
  static final String BUILDS = "builds";
  static final String TEMPORARY = ".tmp-";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private final Path dir;

  public IndexRoot(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public String location() {
    return dir.toString();
  }

  /** The folder holding {@code build}'s Lucene index. */
  public Path dir(Build build) {
    return Path.of(build.location());
  }

  public Path buildsDir() {
    return dir.resolve(BUILDS);
  }

  /**
   * The build {@code CURRENT} names, or empty when nothing has been built here yet.
   *
   * @throws InvalidIndexException if {@code CURRENT} names a build that is not there
   */
  @Override
  public Optional<Build> current() {
    Path pointer = dir.resolve(CURRENT);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    String name;
    try {
      name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pointer + ": " + e.getMessage(), e);
    }
    if (!isBuildName(name) || !Files.isDirectory(buildsDir().resolve(name))) {
      throw new InvalidIndexException(
          pointer
              + " names build '"
              + name
              + "', which is not in "
              + buildsDir()
              + ", so the index has no serving build");
    }
    return Optional.of(open(name));
  }

  /** Complete builds, oldest first (names start with their UTC time stamp). */
  @Override
  public List<Build> builds() {
    if (!Files.isDirectory(buildsDir())) {
      return List.of();
    }
    List<Build> builds = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(buildsDir(), Files::isDirectory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (isBuildName(name) && Files.isRegularFile(entry.resolve(BuildManifest.FILE))) {
          builds.add(open(name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + buildsDir() + ": " + e.getMessage(), e);
    }
    builds.sort(Comparator.comparing(Build::name));
    return builds;
  }

  @Override
  public NewBuild startBuild(String modelId, int dimension, HnswParams hnsw, Instant createdAt) {
    int maxDimensions =
        LuceneCodecs.vectorsFormat(hnsw).getMaxDimensions(GalleryDocuments.EMBEDDING);
    if (dimension > maxDimensions) {
      throw new IllegalArgumentException(
          "model "
              + modelId
              + " produces "
              + dimension
              + "-dimensional embeddings; the index supports at most "
              + maxDimensions);
    }
    removeStaleTemporaries();
    return new LuceneNewBuild(this, newBuildName(modelId, createdAt), hnsw);
  }

  /**
   * Adds the entries in one two-phase commit; {@code beforeVisible} runs between the phases, so a
   * failure there rolls the index back.
   */
  @Override
  public void add(Build build, List<IndexEntry> entries, Runnable beforeVisible) {
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
            .setCodec(LuceneCodecs.codec(build.manifest().hnsw()))
            .setCommitOnClose(false);
    try (Directory directory = FSDirectory.open(dir(build));
        IndexWriter writer = new IndexWriter(directory, config)) {
      for (IndexEntry entry : entries) {
        writer.addDocument(GalleryDocuments.of(entry));
      }
      writer.prepareCommit();
      beforeVisible.run();
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot add to the index build " + dir(build) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ServingGallery serve(String modelId) {
    try {
      return new ServingBuilds(this, modelId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index at " + dir + ": " + e.getMessage(), e);
    }
  }

  /** How many documents the build's committed index holds. */
  static int documents(Path buildDir) throws IOException {
    try (Directory directory = FSDirectory.open(buildDir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      return reader.numDocs();
    }
  }

  /** A fresh build name, {@code <UTC stamp>-<modelId>}, not yet used here. */
  String newBuildName(String modelId, Instant now) {
    String safeModel = modelId.replaceAll("[^A-Za-z0-9._-]", "_");
    String base = STAMP.format(now) + "-" + safeModel;
    String name = base;
    for (int i = 2; Files.exists(buildsDir().resolve(name)); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  /** A temporary folder under {@code builds/} in which a build is written before it is renamed. */
  Path temporaryBuildDir(String buildName) {
    return buildsDir().resolve(TEMPORARY + buildName);
  }

  /** Makes {@code build} the serving one: a temp file renamed over {@code CURRENT} atomically. */
  void switchCurrent(Build build) {
    Path temporary = dir.resolve(TEMPORARY + CURRENT + "-" + UUID.randomUUID());
    try {
      Files.writeString(temporary, build.name() + "\n", StandardCharsets.UTF_8);
      IOUtils.fsync(temporary, false);
      Files.move(temporary, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
      IOUtils.fsync(dir, true);
    } catch (IOException e) {
      discard(temporary);
      throw new UncheckedIOException(
          "cannot update " + dir.resolve(CURRENT) + ": " + e.getMessage(), e);
    }
  }

  /** Removes what interrupted builds, enrolments and prunes left behind. Call under the lock. */
  void removeStaleTemporaries() {
    enrolled().removeStaleTemporaries();
    for (Path folder : List.of(dir, buildsDir())) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> entries = Files.list(folder)) {
          entries
              .filter(p -> p.getFileName().toString().startsWith(TEMPORARY))
              .forEach(IndexRoot::discard);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * Deletes all but the newest {@code keep} builds, never the serving one. Each is first renamed to
   * a temporary name, so a half-deleted build is never visible. Call under the lock.
   *
   * @return the names of the deleted builds
   */
  @Override
  public List<String> prune(int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("must keep at least 1 build, got " + keep);
    }
    String serving = current().map(Build::name).orElse("");
    List<Build> builds = builds();
    List<String> removed = new ArrayList<>();
    for (Build build : builds.subList(0, Math.max(0, builds.size() - keep))) {
      if (!build.name().equals(serving)) {
        Path retired = buildsDir().resolve(TEMPORARY + "retired-" + build.name());
        try {
          Files.move(dir(build), retired, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot remove old build " + dir(build) + ": " + e.getMessage(), e);
        }
        discard(retired);
        removed.add(build.name());
      }
    }
    return removed;
  }

  /** Deletes a file or folder tree if present; used only for temporary or retired paths. */
  static void discard(Path path) {
    try {
      FileTrees.deleteTree(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  private Build open(String name) {
    Path buildDir = buildsDir().resolve(name);
    return new Build(name, buildDir.toString(), BuildManifest.readFrom(buildDir));
  }

  private static boolean isBuildName(String name) {
    return !name.isEmpty() && !name.startsWith(".") && name.matches("[A-Za-z0-9._-]+");
  }
}
