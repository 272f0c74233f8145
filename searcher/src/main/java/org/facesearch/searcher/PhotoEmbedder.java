package org.facesearch.searcher;

import java.util.List;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.timing.Stage;
import org.facesearch.data.timing.StageTimes;
import org.facesearch.indexer.EmbeddingRows;
import org.facesearch.model.Embedder;

/**
 * Photo to embedding: detect and frame the face, prepare it as the model wants ({@link
 * Embedder#prepare(FramedFace)}: the same path as the gallery's crops), embed.
 */
final class PhotoEmbedder {
  private final Embedder embedder;
  private final FaceReader faces;

  PhotoEmbedder(Embedder embedder, FaceReader faces) {
    this.embedder = embedder;
    this.faces = faces;
  }

  /**
   * @throws org.facesearch.data.face.NoFaceException if the photo shows no face
   * @throws org.facesearch.data.image.InvalidImageException if it is not a usable image
   */
  EmbeddedFace embed(Photo photo) {
    return embed(read(photo));
  }

  /** The photo's face, framed like LFW; see {@link FaceReader#read}. */
  FramedFace read(Photo photo) {
    return faces.read(photo);
  }

  EmbeddedFace embed(FramedFace framed) {
    FaceCrop crop = StageTimes.time(Stage.ALIGN, () -> embedder.prepare(framed));
    float[][] rows = StageTimes.time(Stage.EMBED, () -> embedder.embed(List.of(crop)));
    return new EmbeddedFace(framed.face(), EmbeddingRows.check(embedder, 1, rows)[0]);
  }

  String modelId() {
    return embedder.modelId();
  }
}
