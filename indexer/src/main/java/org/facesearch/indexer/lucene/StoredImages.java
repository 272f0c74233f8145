package org.facesearch.indexer.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.facesearch.indexer.IndexedImage;

/**
 * The gallery images of one open reader by document number, each read from its stored fields the
 * first time it is asked for and kept.
 *
 * <p>Why: a look-alike search returns about a hundred candidate images, and reading one stored
 * document decompresses its whole LZ4 block. In a full LFW build the 4,000 calibration searches
 * spent 4.7 s of 44 s there (a JFR profile, the AVX2 machine), and every web query paid the same
 * per hit. A reader's documents never change, so each is decompressed at most once; the table costs
 * a reference per document until then.
 */
final class StoredImages {
  private final IndexSearcher searcher;
  private final AtomicReferenceArray<IndexedImage> byDocument;

  StoredImages(IndexSearcher searcher) {
    this.searcher = searcher;
    IndexReader reader = searcher.getIndexReader();
    this.byDocument = new AtomicReferenceArray<>(reader.maxDoc());
  }

  /**
   * Reads the images of these top-level document numbers, in order. Safe from any number of threads
   * at once (each miss reads through a {@code StoredFields} of its own call; two threads missing
   * the same document both read it and store equal records).
   */
  IndexedImage[] of(int[] documents) throws IOException {
    IndexedImage[] images = new IndexedImage[documents.length];
    StoredFields fields = null;
    for (int i = 0; i < documents.length; i++) {
      int doc = documents[i];
      IndexedImage image = byDocument.get(doc);
      if (image == null) {
        if (fields == null) {
          fields = searcher.storedFields();
        }
        image = GalleryDocuments.read(fields, doc);
        byDocument.set(doc, image);
      }
      images[i] = image;
    }
    return images;
  }

  /**
   * Every live document in document order, through the same table as the searches' hits: a server
   * that lists its gallery and answers queries decompresses each document once, not once for each.
   */
  List<IndexedImage> all() throws IOException {
    List<IndexedImage> all = new ArrayList<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Bits live = leaf.reader().getLiveDocs();
      int[] documents =
          IntStream.range(0, leaf.reader().maxDoc())
              .filter(doc -> live == null || live.get(doc))
              .map(doc -> leaf.docBase + doc)
              .toArray();
      all.addAll(Arrays.asList(of(documents)));
    }
    return all;
  }
}
