package org.facesearch.indexer.lucene;

import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.facesearch.indexer.GallerySource;
import org.facesearch.indexer.IndexEntry;
import org.facesearch.indexer.IndexedImage;

/** How a gallery image is kept in Lucene: one document per image, these fields. */
public final class GalleryDocuments {
  /** HNSW-indexed, L2-normalised embedding; dot product = cosine similarity. */
  public static final String EMBEDDING = "embedding";

  public static final String IDENTITY = "identity";
  public static final String IMAGE = "image";
  public static final String SOURCE = "source";

  /** Indexed too, so a query photo that is a gallery image can be excluded exactly. */
  public static final String SHA256 = "sha256";

  public static final String MODEL_ID = "modelId";

  private GalleryDocuments() {}

  static Document of(IndexEntry entry) {
    var image = entry.image();
    String sha256 = entry.sha256();
    float[] embedding = entry.embedding();
    String modelId = entry.modelId();
    Document doc = new Document();
    doc.add(new KnnFloatVectorField(EMBEDDING, embedding, VectorSimilarityFunction.DOT_PRODUCT));
    doc.add(new StringField(IDENTITY, image.identity(), Field.Store.YES));
    doc.add(new StoredField(IMAGE, image.image()));
    doc.add(new StoredField(SOURCE, image.source().name()));
    doc.add(new StringField(SHA256, sha256, Field.Store.YES));
    doc.add(new StoredField(MODEL_ID, modelId));
    return doc;
  }

  public static IndexedImage read(StoredFields fields, int docId) throws IOException {
    Document doc = fields.document(docId);
    return new IndexedImage(
        doc.get(IDENTITY), doc.get(IMAGE), GallerySource.valueOf(doc.get(SOURCE)), doc.get(SHA256));
  }
}
