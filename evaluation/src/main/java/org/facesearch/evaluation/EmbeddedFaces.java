package org.facesearch.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.facesearch.data.FaceImage;
import org.facesearch.data.ImageNotFoundException;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.ImageRef;
import org.facesearch.model.Embedder;
import org.facesearch.model.verify.Similarity;

/**
 * LFW photos and their embeddings, one unit-length row per photo. Similarity is the dot product, as
 * in the index.
 */
public final class EmbeddedFaces {
  /**
   * Photos per embedder call: the indexer's batch size, small enough for a CPU, big enough for a
   * GPU.
   */
  static final int BATCH = 64;

  private final List<FaceImage> images;
  private final float[][] vectors;
  private final Map<String, Integer> rowByKey;

  EmbeddedFaces(List<FaceImage> images, float[][] vectors) {
    if (images.size() != vectors.length) {
      throw new IllegalArgumentException(
          images.size() + " images but " + vectors.length + " vectors");
    }
    this.images = List.copyOf(images);
    this.vectors = vectors;
    this.rowByKey = new HashMap<>();
    for (int i = 0; i < this.images.size(); i++) {
      rowByKey.put(this.images.get(i).key(), i);
    }
  }

  /**
   * Embeds {@code images} with {@code embedder} in batches, showing a progress bar named {@code
   * task} on stderr.
   *
   * @throws IllegalArgumentException if the crops are not prepared as the embedder requires
   */
  public static EmbeddedFaces embed(
      Embedder embedder, CropSource crops, List<FaceImage> images, String task) {
    if (!crops.preprocessing().equals(embedder.preprocessing())) {
      throw new IllegalArgumentException(
          embedder.modelId()
              + " takes crops prepared as "
              + embedder.preprocessing()
              + ", not "
              + crops.preprocessing());
    }
    float[][] vectors = new float[images.size()][];
    try (ProgressBar progress =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(images.size())
            .setUnit(" faces", 1)
            .showSpeed()
            .build()) {
      for (int start = 0; start < images.size(); start += BATCH) {
        List<FaceImage> batch = images.subList(start, Math.min(images.size(), start + BATCH));
        List<FaceCrop> batchCrops = crops.crops(batch);
        float[][] batchVectors = embedder.embed(batchCrops);
        System.arraycopy(batchVectors, 0, vectors, start, batchVectors.length);
        progress.stepBy(batch.size());
      }
    }
    return new EmbeddedFaces(images, vectors);
  }

  public int size() {
    return images.size();
  }

  public List<FaceImage> images() {
    return images;
  }

  public FaceImage image(int row) {
    return images.get(row);
  }

  /** The embedding of row {@code row}; callers must not modify it. */
  public float[] vector(int row) {
    return vectors[row];
  }

  public int dimension() {
    return vectors.length == 0 ? 0 : vectors[0].length;
  }

  /**
   * The row of a photo named by a protocol file.
   *
   * @throws ImageNotFoundException if it was not embedded
   */
  public int rowOf(ImageRef ref) {
    Integer row = rowByKey.get(ref.key());
    if (row == null) {
      throw new ImageNotFoundException(
          ref.key() + " was not among the " + size() + " embedded photos");
    }
    return row;
  }

  /** Cosine similarity of two rows (their dot product: rows have unit length). */
  public double similarity(int a, int b) {
    return Similarity.cosine(vectors[a], vectors[b]);
  }

  /** Each pair with its similarity, in order. */
  public List<ScoredFacePair> score(List<FacePair> pairs) {
    List<ScoredFacePair> scored = new ArrayList<>(pairs.size());
    for (FacePair pair : pairs) {
      scored.add(new ScoredFacePair(pair, similarity(rowOf(pair.a()), rowOf(pair.b()))));
    }
    return scored;
  }

  /**
   * The rows of {@code subset}, in its order.
   *
   * @throws ImageNotFoundException if one of them was not embedded
   */
  public EmbeddedFaces select(List<FaceImage> subset) {
    float[][] rows = new float[subset.size()][];
    for (int i = 0; i < subset.size(); i++) {
      FaceImage image = subset.get(i);
      rows[i] = vectors[rowOf(new ImageRef(image.identity(), image.number()))];
    }
    return new EmbeddedFaces(subset, rows);
  }

  /** All rows; callers must not modify them. */
  float[][] matrix() {
    return vectors;
  }
}
