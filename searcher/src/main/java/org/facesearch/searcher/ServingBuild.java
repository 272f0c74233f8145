package org.facesearch.searcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.IndexedImage;

/**
 * An open build: its reader and searcher, reference counted. The creator holds the first reference;
 * each query holds one while it runs; the files close when the last is released.
 */
final class ServingBuild {
  private final Build build;
  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final AtomicInteger references = new AtomicInteger(1);
  private GalleryCatalog catalog;

  private ServingBuild(Build build, Directory directory, DirectoryReader reader) {
    this.build = build;
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
  }

  static ServingBuild open(Build build) throws IOException {
    Directory directory = FSDirectory.open(build.dir());
    try {
      return new ServingBuild(build, directory, DirectoryReader.open(directory));
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  Build build() {
    return build;
  }

  IndexSearcher searcher() {
    return searcher;
  }

  /** The build's catalog, read on first use. */
  synchronized GalleryCatalog catalog(Function<IndexedImage, Path> files) {
    if (catalog == null) {
      catalog = GalleryCatalog.read(reader, files);
    }
    return catalog;
  }

  /**
   * Whether the build's files still hold exactly what this reader sees (enrolments change them).
   */
  boolean isCurrent() throws IOException {
    return reader.isCurrent();
  }

  int references() {
    return references.get();
  }

  boolean tryIncRef() {
    while (true) {
      int count = references.get();
      if (count <= 0) {
        return false;
      }
      if (references.compareAndSet(count, count + 1)) {
        return true;
      }
    }
  }

  void decRef() throws IOException {
    int left = references.decrementAndGet();
    if (left == 0) {
      try (directory) {
        reader.close();
      }
    } else if (left < 0) {
      throw new IllegalStateException(
          "build " + build.name() + " released more often than acquired");
    }
  }
}
