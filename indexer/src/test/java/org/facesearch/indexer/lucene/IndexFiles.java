package org.facesearch.indexer.lucene;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.facesearch.indexer.IndexedImage;
import org.facesearch.indexer.Neighbour;
import org.facesearch.model.Embedder;

/** Reads back what a build wrote, straight from Lucene and the file system, for assertions. */
final class IndexFiles {
  private IndexFiles() {}

  static int documents(Path buildDir) {
    try (FSDirectory dir = FSDirectory.open(buildDir);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      return reader.numDocs();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<IndexedImage> images(Path buildDir) {
    try (FSDirectory dir = FSDirectory.open(buildDir);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      StoredFields fields = reader.storedFields();
      List<IndexedImage> images = new ArrayList<>();
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        images.add(GalleryDocuments.read(fields, doc));
      }
      return images;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> commitData(Path buildDir) {
    try (FSDirectory dir = FSDirectory.open(buildDir);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      return reader.getIndexCommit().getUserData();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The field's vector format, as recorded in the segment. */
  static String vectorFormat(Path buildDir) {
    try (FSDirectory dir = FSDirectory.open(buildDir);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      return reader
          .leaves()
          .getFirst()
          .reader()
          .getFieldInfos()
          .fieldInfo(GalleryDocuments.EMBEDDING)
          .getAttribute("PerFieldKnnVectorsFormat.format");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The nearest images to the image file {@code file}, embedded by {@code embedder}. */
  static List<Neighbour> nearest(Path buildDir, Embedder embedder, Path file, int k) {
    try {
      return nearest(buildDir, embedder, ImageIO.read(file.toFile()), k);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The nearest images to {@code image} (in LFW framing), embedded by {@code embedder}. */
  static List<Neighbour> nearest(Path buildDir, Embedder embedder, BufferedImage image, int k) {
    try (FSDirectory dir = FSDirectory.open(buildDir);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      float[] query = embedder.embed(List.of(embedder.preprocessing().apply(image)))[0];
      return new NearestImages(new IndexSearcher(reader)).search(query, k, Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String currentPointer(IndexRoot root) {
    try {
      return Files.readString(root.dir().resolve(IndexRoot.CURRENT)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every {@code .tmp-*} entry anywhere under the index root. */
  static List<Path> temporaries(IndexRoot root) {
    try (Stream<Path> tree = Files.walk(root.dir())) {
      return tree.filter(p -> p.getFileName().toString().startsWith(IndexRoot.TEMPORARY)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
