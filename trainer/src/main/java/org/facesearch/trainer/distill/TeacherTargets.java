package org.facesearch.trainer.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.model.Embedder;
import org.facesearch.trainer.data.StepSeeds;

/**
 * The vectors a student learns to reproduce, one per training or validation crop.
 *
 * <p>The student's head has a fixed size (128, the dlib reference's). A teacher of another size is
 * mapped to it by a fixed Gaussian random projection, then re-normalised: by the
 * Johnson-Lindenstrauss lemma such a projection keeps cosine similarities to within about {@code
 * 1/sqrt(128)}, which is all the cosine and relational losses look at, and it needs no training. A
 * 128-d teacher is used as it is, so the student embeds in the teacher's own space.
 */
public final class TeacherTargets {
  /** Fixed, not the run's seed: every student of one teacher gets the same target space. */
  private static final long PROJECTION_SEED = StepSeeds.of(0, -21);

  private static final int BATCH = 32;

  private final String modelId;
  private final int teacherDimension;
  private final int dimension;
  private final Map<Integer, float[]> byCrop;

  private TeacherTargets(
      String modelId, int teacherDimension, int dimension, Map<Integer, float[]> byCrop) {
    this.modelId = modelId;
    this.teacherDimension = teacherDimension;
    this.dimension = dimension;
    this.byCrop = byCrop;
  }

  /**
   * The teacher's vectors for the student crops at {@code indices}: read from the teacher's file in
   * the crop cache's folder, the missing ones computed (on the teacher's own crops) and added to
   * it.
   */
  public static TeacherTargets prepare(
      Embedder teacher,
      LfwDataset dataset,
      CropCache cache,
      CachedCrops studentCrops,
      int[] indices,
      int dimension,
      PrintStream log)
      throws IOException {
    Path file = TeacherEmbeddings.fileIn(cache.dir(), teacher.modelId());
    TeacherEmbeddings stored =
        TeacherEmbeddings.read(file)
            .orElse(new TeacherEmbeddings(teacher.modelId(), teacher.dimension(), Map.of()));
    if (!stored.modelId().equals(teacher.modelId()) || stored.dimension() != teacher.dimension()) {
      throw new InvalidTeacherEmbeddingsException(
          file
              + " holds "
              + stored.dimension()
              + "-d embeddings of "
              + stored.modelId()
              + ", not of "
              + teacher.modelId()
              + "; delete it and the embeddings will be computed again");
    }
    List<FaceImage> missing = new ArrayList<>();
    for (int i : indices) {
      FaceImage image = studentCrops.image(i);
      if (stored.vector(image.key()).isEmpty()) {
        missing.add(image);
      }
    }
    if (!missing.isEmpty()) {
      log.printf(
          "teacher %s: embedding %d images once (kept in %s)%n",
          teacher.modelId(), missing.size(), file);
      stored = stored.with(embed(teacher, dataset, cache, missing));
      stored.write(file);
    }
    float[][] projection =
        teacher.dimension() == dimension ? null : projection(teacher.dimension(), dimension);
    Map<Integer, float[]> byCrop = new HashMap<>();
    for (int i : indices) {
      float[] v = stored.vector(studentCrops.image(i).key()).orElseThrow();
      byCrop.put(i, projection == null ? v : unit(project(v, projection)));
    }
    return new TeacherTargets(teacher.modelId(), teacher.dimension(), dimension, byCrop);
  }

  public String modelId() {
    return modelId;
  }

  public int teacherDimension() {
    return teacherDimension;
  }

  /** How teacher vectors became targets: {@code none} or {@code gaussian-random}. */
  public String projection() {
    return teacherDimension == dimension ? "none" : "gaussian-random";
  }

  /** The targets of these crops, (N, dimension), on {@code manager}. */
  public NDArray of(NDManager manager, int[] indices) {
    float[] flat = new float[indices.length * dimension];
    for (int k = 0; k < indices.length; k++) {
      float[] v = byCrop.get(indices[k]);
      if (v == null) {
        throw new IllegalArgumentException("no teacher vector for crop " + indices[k]);
      }
      System.arraycopy(v, 0, flat, k * dimension, dimension);
    }
    return manager.create(flat, new Shape(indices.length, dimension));
  }

  private static Map<String, float[]> embed(
      Embedder teacher, LfwDataset dataset, CropCache cache, List<FaceImage> images) {
    Set<String> identities = new LinkedHashSet<>();
    images.forEach(i -> identities.add(i.identity()));
    Map<String, float[]> out = new LinkedHashMap<>();
    try (CachedCrops crops = teacher.cachedCrops(cache, dataset.withIdentities(identities));
        ProgressBar bar =
            new ProgressBarBuilder()
                .setTaskName("teacher " + teacher.modelId())
                .setInitialMax(images.size())
                .setUnit(" img", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(1000)
                .build()) {
      for (int start = 0; start < images.size(); start += BATCH) {
        List<FaceImage> part = images.subList(start, Math.min(images.size(), start + BATCH));
        List<FaceCrop> batch = new ArrayList<>(part.size());
        part.forEach(i -> batch.add(crops.crop(crops.indexOf(i.key()))));
        float[][] rows = teacher.embed(batch);
        for (int k = 0; k < rows.length; k++) {
          out.put(part.get(k).key(), rows[k]);
        }
        bar.stepBy(rows.length);
      }
    }
    return out;
  }

  private static float[][] projection(int from, int to) {
    SplittableRandom random = new SplittableRandom(PROJECTION_SEED);
    float[][] r = new float[from][to];
    for (float[] row : r) {
      for (int j = 0; j < to; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return r;
  }

  private static float[] project(float[] v, float[][] r) {
    float[] out = new float[r[0].length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0) {
        for (int j = 0; j < out.length; j++) {
          out[j] += v[i] * r[i][j];
        }
      }
    }
    return out;
  }

  private static float[] unit(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    float norm = (float) Math.sqrt(Math.max(sum, 1e-24));
    for (int i = 0; i < v.length; i++) {
      v[i] /= norm;
    }
    return v;
  }
}
