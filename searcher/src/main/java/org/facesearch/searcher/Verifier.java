package org.facesearch.searcher;

import org.facesearch.indexer.FaceReader;
import org.facesearch.indexer.FramedFace;
import org.facesearch.indexer.Photo;
import org.facesearch.model.Embedder;
import org.facesearch.model.verify.Similarity;

/** Same person or not: the two faces' cosine similarity compared with a calibrated threshold. */
public final class Verifier {
  private final PhotoEmbedder photos;
  private final double threshold;

  /**
   * @param threshold cosine similarity at or above which two faces are the same person
   */
  public Verifier(Embedder embedder, FaceReader faces, double threshold) {
    if (!(threshold >= -1 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "a cosine-similarity threshold lies in -1..1, got " + threshold);
    }
    this.photos = new PhotoEmbedder(embedder, faces);
    this.threshold = threshold;
  }

  /**
   * @throws org.facesearch.indexer.NoFaceException naming the photo that shows no face
   * @throws org.facesearch.data.image.InvalidImageException naming a photo that is not an image
   */
  public VerificationResult verify(Photo a, Photo b) {
    return verify(photos.read(a), photos.read(b));
  }

  /** As {@link #verify(Photo, Photo)} for faces the caller has already read (e.g. to show them). */
  public VerificationResult verify(FramedFace a, FramedFace b) {
    EmbeddedFace faceA = photos.embed(a);
    EmbeddedFace faceB = photos.embed(b);
    double score = Similarity.cosine(faceA.embedding(), faceB.embedding());
    return new VerificationResult(score >= threshold, score, threshold, faceA.face(), faceB.face());
  }
}
