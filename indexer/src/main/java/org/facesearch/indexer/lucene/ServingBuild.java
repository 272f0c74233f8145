package org.facesearch.indexer.lucene;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.IndexedImage;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.ServingGallery;

/**
 * An open build: its reader and searcher, reference counted. The creator holds the first reference;
 * each query holds one while it runs; the files close when the last is released.
 */
final class ServingBuild implements ServingGallery.Snapshot {
  private final Build build;
  private final Directory directory;
  private final DirectoryReader reader;
  private final NearestImages nearest;
  private final AtomicInteger references = new AtomicInteger(1);
  private List<IndexedImage> images;

  private ServingBuild(Build build, Directory directory, DirectoryReader reader) {
    this.build = build;
    this.directory = directory;
    this.reader = reader;
    this.nearest = new NearestImages(new IndexSearcher(reader));
  }

  static ServingBuild open(Build build, IndexRoot root) throws IOException {
    Directory directory = FSDirectory.open(root.dir(build));
    try {
      return new ServingBuild(build, directory, DirectoryReader.open(directory));
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  @Override
  public Build build() {
    return build;
  }

  @Override
  public List<Neighbour> nearest(float[] embedding, int k, Optional<String> excludeSha256) {
    return nearest.search(embedding, k, excludeSha256);
  }

  /** Every live document, read on first use. */
  @Override
  public synchronized List<IndexedImage> images() {
    if (images == null) {
      images = nearest.images();
    }
    return images;
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
