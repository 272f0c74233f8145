package org.facesearch.indexer.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.face.Photo;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.GalleryImage;
import org.facesearch.indexer.GallerySource;
import org.facesearch.indexer.IndexEntry;
import org.facesearch.indexer.IndexedImage;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.testing.TestModels;
import org.facesearch.model.PixelEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearestImagesTest {
  @Test
  void hitsInEverySegmentNameTheirOwnImagesAndAreReadOnce(@TempDir Path dir) throws IOException {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    List<FaceImage> faces =
        List.of(
            lfw.image("Hugo_Chavez", 1),
            lfw.image("Hugo_Chavez", 2),
            lfw.image("Serena_Williams", 1),
            lfw.image("Serena_Williams", 2),
            lfw.image("Tony_Blair", 1),
            lfw.image("Tony_Blair", 2));
    PixelEmbedder embedder = TestModels.pixels();
    float[][] embeddings = new float[faces.size()][];
    // Two commits without merging: two segments, so a hit's number is its segment's base plus its
    // number there, and the table must not mix them up.
    try (FSDirectory directory = FSDirectory.open(dir)) {
      try (IndexWriter writer =
          new IndexWriter(
              directory, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
        for (int i = 0; i < faces.size(); i++) {
          FaceImage face = faces.get(i);
          embeddings[i] =
              embedder
                  .embed(
                      List.of(embedder.preprocessing().apply(ImageIO.read(face.path().toFile()))))[
                  0];
          writer.addDocument(
              GalleryDocuments.of(
                  new IndexEntry(
                      new GalleryImage(
                          face.identity(), face.fileName(), face.path(), GallerySource.LFW),
                      Photo.read(face.path()).sha256(),
                      embeddings[i],
                      embedder.modelId())));
          if (i == 2) {
            writer.commit();
          }
        }
        writer.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(2, reader.leaves().size());
        NearestImages nearest = new NearestImages(new IndexSearcher(reader));
        for (int i = 0; i < faces.size(); i++) {
          List<Neighbour> first = nearest.search(embeddings[i], faces.size(), Optional.empty());
          assertEquals(faces.get(i).fileName(), first.getFirst().image().image());
          assertEquals(faces.get(i).identity(), first.getFirst().image().identity());
          assertEquals(1.0, first.getFirst().score(), 1e-4);
          assertEquals(faces.size(), first.size());

          List<Neighbour> again = nearest.search(embeddings[i], faces.size(), Optional.empty());
          for (int k = 0; k < first.size(); k++) {
            assertSame(first.get(k).image(), again.get(k).image(), "read again: hit " + k);
          }
        }
        String sha = Photo.read(faces.get(4).path()).sha256();
        List<Neighbour> without = nearest.search(embeddings[4], faces.size(), Optional.of(sha));
        assertEquals(faces.size() - 1, without.size());
        assertTrue(without.stream().noneMatch(n -> n.image().sha256().equals(sha)));

        // The gallery listing: document order, the very records the searches returned.
        List<IndexedImage> listed = nearest.images();
        assertEquals(
            faces.stream().map(FaceImage::fileName).toList(),
            listed.stream().map(IndexedImage::image).toList());
        assertSame(
            nearest.search(embeddings[3], 1, Optional.empty()).getFirst().image(), listed.get(3));
      }

      // A deleted document is not listed, wherever its segment lies.
      String deleted = Photo.read(faces.get(1).path()).sha256();
      try (IndexWriter writer =
          new IndexWriter(
              directory, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
        writer.deleteDocuments(new Term(GalleryDocuments.SHA256, deleted));
        writer.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        List<IndexedImage> listed = new NearestImages(new IndexSearcher(reader)).images();
        assertEquals(faces.size() - 1, listed.size());
        assertTrue(listed.stream().noneMatch(image -> image.sha256().equals(deleted)));
        assertEquals(faces.get(5).fileName(), listed.getLast().image());
      }
    }
  }
}
