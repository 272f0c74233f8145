package org.facesearch.model;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;

/**
 * Turns face crops into unit-length vectors whose dot product says how alike two faces look. The
 * indexer, searcher and web code against this; a trained model bundle and raw pixels implement it.
 */
public interface Embedder extends AutoCloseable {

  /**
   * Identifies what produced the vectors: equal ids give comparable vectors, so an index built with
   * one id must be searched with the same.
   */
  String modelId();

  /** Length of every vector. */
  int dimension();

  /**
   * What computes the embeddings, for people reading a result: the number format and the runtime
   * ("int8 on ONNX Runtime", "fp32 on PyTorch"). Results can depend on it (within what a
   * calibration or precision check allows), so evaluations and the server say it. Not a default
   * method: a wrapper that forgot to pass it on would report its own guess.
   */
  String inference();

  /** How crops must be prepared (crop box, colour, size) for {@link #embed}. */
  Preprocessing preprocessing();

  /**
   * For a model that wants its faces aligned onto its own template (dlib's ResNet): the step that
   * does it, applied before {@link #preprocessing()}. Empty for models that crop LFW's frame as it
   * is (facesearch's own, trained on those crops). The embedder owns it and closes it.
   */
  default Optional<FaceAlignment> alignment() {
    return Optional.empty();
  }

  /**
   * A face in LFW's 250x250 framing (a gallery image, or a user's photo framed by {@code
   * FaceReader}) as this model's input: {@link #alignment()} if it has one, then {@link
   * #preprocessing()}. Enrolments and the gallery go through this, or through {@link #cachedCrops},
   * which does the same for a whole dataset; queries through {@link #prepare(FramedFace)}, which
   * comes down to this for a gallery image.
   */
  default FaceCrop prepare(BufferedImage framed) {
    BufferedImage image = alignment().map(a -> a.align(framed).image()).orElse(framed);
    return preprocessing().apply(image);
  }

  /**
   * A face read from a user's photo as this model's input. A model with an {@link #alignment()}
   * that can use the reader's detection aligns the face straight from the photo ({@link
   * FaceAlignment#alignDetected}): for an LFW image that is exactly what {@link #prepare} does to
   * it in the gallery, with one face detection fewer. Otherwise {@link #prepare} on the frame.
   */
  default FaceCrop prepare(FramedFace face) {
    return alignment()
        .flatMap(a -> a.alignDetected(face.photo(), face.detection(), face.detector()))
        .map(aligned -> preprocessing().apply(aligned.image()))
        .orElseGet(() -> prepare(face.image()));
  }

  /**
   * The inputs of every image of {@code dataset} prepared as {@link #prepare} does, from {@code
   * cache} (built on first use, keyed by the preprocessing and the alignment).
   */
  default CachedCrops cachedCrops(CropCache cache, LfwDataset dataset) {
    return cache.load(dataset, preprocessing(), alignment());
  }

  /**
   * One L2-normalised row per crop, in order. Crops must follow {@link #preprocessing()}; a wrong
   * size or colour mode is an {@link IllegalArgumentException} naming the crop.
   */
  float[][] embed(List<FaceCrop> crops);

  /**
   * Refuses crops that do not follow {@link #preprocessing()}: an {@link IllegalArgumentException}
   * naming the first wrong crop, its shape and the shape this model takes. Every {@link #embed}
   * starts with this.
   */
  default void requirePrepared(List<FaceCrop> crops) {
    int channels = preprocessing().color().channels();
    int size = preprocessing().size();
    for (int i = 0; i < crops.size(); i++) {
      FaceCrop crop = crops.get(i);
      if (crop.channels() != channels || crop.height() != size || crop.width() != size) {
        throw new IllegalArgumentException(
            String.format(
                java.util.Locale.ROOT,
                "crop %d is %dx%dx%d but %s takes %dx%dx%d",
                i,
                crop.channels(),
                crop.height(),
                crop.width(),
                modelId(),
                channels,
                size,
                size));
      }
    }
  }

  /** Frees native memory; the embedder is unusable afterwards. */
  @Override
  void close();
}
