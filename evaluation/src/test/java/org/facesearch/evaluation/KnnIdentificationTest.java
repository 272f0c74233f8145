package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnnIdentificationTest {

  @Test
  void peopleRankByTheirBestGalleryPhoto() {
    // Gallery: Ann has one photo close to the query direction (1, 0); Bob has three photos that
    // are each a little less close; Cid points away.
    EmbeddedFaces gallery =
        Faces.of(
            List.of("Ann", "Bob", "Bob", "Bob", "Cid"),
            new float[][] {{1, 0.1f}, {1, 0.3f}, {1, 0.35f}, {1, 0.4f}, {-1, 0}});
    // Query 1 is Ann's (nearest photo is Ann's: top-1 hit). Query 2 is Bob's but lies nearer Ann's
    // photo: ranked second, a top-5 hit only. Query 3 is Cid's and points his way.
    EmbeddedFaces queries =
        Faces.of(List.of("Ann", "Bob", "Cid"), new float[][] {{1, 0}, {1, 0.05f}, {-1, 0.2f}});
    KnnIdentification result = KnnIdentification.of(gallery, queries);
    assertEquals(2 / 3.0, result.top1(), 1e-12);
    assertEquals(1.0, result.top5(), 1e-12);
    assertEquals(3, result.queries());
    assertEquals(5, result.gallery());
  }

  @Test
  void aPersonMissingFromTheGalleryIsNeverFound() {
    EmbeddedFaces gallery = Faces.of(List.of("Ann"), new float[][] {{1, 0}});
    EmbeddedFaces queries = Faces.of(List.of("Zed"), new float[][] {{1, 0}});
    KnnIdentification result = KnnIdentification.of(gallery, queries);
    assertEquals(0, result.top1());
    assertEquals(0, result.top5());
  }
}
