package org.facesearch.indexer.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexEntry;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.NewBuild;

/**
 * A build written under {@code builds/.tmp-<name>}: renamed into place, then {@code CURRENT}
 * switched, on publish; deleted otherwise.
 */
final class LuceneNewBuild implements NewBuild {
  private static final double RAM_BUFFER_MB = 256;

  private final IndexRoot root;
  private final String name;
  private final Path temporary;
  private Directory directory;
  private IndexWriter writer;
  private DirectoryReader reader;
  private NearestImages nearest;
  private String modelId;
  private boolean published;

  LuceneNewBuild(IndexRoot root, String name, HnswParams hnsw) {
    this.root = root;
    this.name = name;
    this.temporary = root.temporaryBuildDir(name);
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setCodec(LuceneCodecs.codec(hnsw))
            .setRAMBufferSizeMB(RAM_BUFFER_MB)
            .setCommitOnClose(false);
    try {
      Files.createDirectories(temporary);
      directory = FSDirectory.open(temporary);
      writer = new IndexWriter(directory, config);
    } catch (IOException | RuntimeException e) {
      close();
      throw failure(e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void add(IndexEntry entry) {
    modelId = entry.modelId();
    try {
      writer.addDocument(GalleryDocuments.of(entry));
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public void commit() {
    try {
      writer.forceMerge(1);
      if (modelId != null) {
        writer.setLiveCommitData(Map.of(GalleryDocuments.MODEL_ID, modelId).entrySet());
      }
      writer.commit();
      writer.close();
      writer = null;
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public int count() {
    try {
      return IndexRoot.documents(temporary);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public List<Neighbour> nearest(float[] embedding, int k) {
    try {
      NearestImages nearest;
      synchronized (this) {
        if (this.reader == null) {
          this.reader = DirectoryReader.open(directory);
          this.nearest = new NearestImages(new IndexSearcher(reader));
        }
        nearest = this.nearest;
      }
      return nearest.search(embedding, k, Optional.empty());
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public Build publish(BuildManifest manifest) {
    try {
      IOUtils.close(reader, directory);
      reader = null;
      nearest = null;
      directory = null;
      manifest.writeTo(temporary);
      IOUtils.fsync(temporary.resolve(BuildManifest.FILE), false);
      IOUtils.fsync(temporary, true);
      Path finished = root.buildsDir().resolve(name);
      Files.move(temporary, finished, StandardCopyOption.ATOMIC_MOVE);
      IOUtils.fsync(root.buildsDir(), true);
      Build build = new Build(name, finished.toString(), manifest);
      published = true;
      root.switchCurrent(build);
      return build;
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public void close() {
    try {
      IOUtils.closeWhileHandlingException(writer, reader, directory);
    } finally {
      if (!published) {
        IndexRoot.discard(temporary);
      }
    }
  }

  private UncheckedIOException failure(Exception e) {
    if (e instanceof RuntimeException runtime && !(e instanceof UncheckedIOException)) {
      throw runtime;
    }
    return new UncheckedIOException(
        "cannot write the index build " + temporary + ": " + e.getMessage(),
        e instanceof IOException io ? io : new IOException(e));
  }
}
