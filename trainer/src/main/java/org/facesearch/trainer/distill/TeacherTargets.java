package org.facesearch.trainer.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
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
 *
 * <p>{@link TargetRecipe} says whether the targets are those vectors or their mirror-averaged,
 * centred form, and how many augmented views of each training face have their own targets.
 */
public final class TeacherTargets implements AutoCloseable {
  /** Fixed, not the run's seed: every student of one teacher gets the same target space. */
  private static final long PROJECTION_SEED = StepSeeds.of(0, -21);

  private static final int BATCH = 32;

  /** The suffix of the stored vectors of the teacher's mirror-image crops. */
  private static final String MIRRORED = "@mirrored";

  private final String modelId;
  private final int teacherDimension;
  private final int dimension;

  /** Per view (0: the faces as they are), the target of each crop that has one. */
  private final List<Map<Integer, float[]>> byView;

  /** What blends are embedded with, and how their vectors become targets like the others. */
  private final Teacher source;

  private final TargetForm form;
  private final float[][] projection;
  private final double[] centre;
  private final int[] train;

  /** The teacher's own crops of the training faces, opened by the first blend. */
  private CachedCrops teacherCrops;

  private TeacherTargets(
      String modelId,
      int teacherDimension,
      int dimension,
      List<Map<Integer, float[]>> byView,
      Teacher source,
      TargetForm form,
      float[][] projection,
      double[] centre,
      int[] train) {
    this.modelId = modelId;
    this.teacherDimension = teacherDimension;
    this.dimension = dimension;
    this.byView = byView;
    this.source = source;
    this.form = form;
    this.projection = projection;
    this.centre = centre;
    this.train = train.clone();
  }

  /**
   * The targets of the student crops at {@code train} and {@code validation}, made as {@code
   * recipe} says: the teacher's vectors are read from its files in the crop cache's folder (one per
   * view: the faces as they are, their mirror images, each augmented view), the missing ones
   * computed on the teacher's own crops and added to them. Augmented views are of the training
   * crops only (validation compares the faces as they are). A centred form takes its centre from
   * the training crops as they are and moves every view's targets by it.
   */
  public static TeacherTargets prepare(
      Embedder teacher,
      LfwDataset dataset,
      CropCache cache,
      CachedCrops studentCrops,
      int[] train,
      int[] validation,
      int dimension,
      TargetRecipe recipe,
      PrintStream log)
      throws IOException {
    int[] indices = IntStream.concat(Arrays.stream(train), Arrays.stream(validation)).toArray();
    Teacher t = new Teacher(teacher, dataset, cache, studentCrops, log);
    float[][] projection =
        teacher.dimension() == dimension ? null : projection(teacher.dimension(), dimension);
    Map<Integer, float[]> asTheyAre =
        t.targets(teacher.modelId(), (image, crop) -> crop, indices, projection);
    double[] centre = null;
    if (recipe.form() == TargetForm.MIRROR_CENTRED) {
      Map<Integer, float[]> mirrored =
          t.targets(
              teacher.modelId() + MIRRORED, (image, crop) -> crop.mirrored(), indices, projection);
      for (int i : indices) {
        float[] a = asTheyAre.get(i);
        float[] b = mirrored.get(i);
        for (int j = 0; j < a.length; j++) {
          a[j] = (a[j] + b[j]) / 2;
        }
      }
      centre = centre(asTheyAre, train);
    }
    List<Map<Integer, float[]>> byView = new ArrayList<>();
    byView.add(asTheyAre);
    for (int k = 1; k <= recipe.views(); k++) {
      int view = k;
      Map<Integer, float[]> targets =
          t.targets(
              TeacherViews.storedId(teacher.modelId(), view),
              (image, crop) -> TeacherViews.view(crop, image.key(), view),
              train,
              projection);
      if (centre != null) {
        subtract(targets, centre);
      }
      byView.add(targets);
    }
    return new TeacherTargets(
        teacher.modelId(),
        teacher.dimension(),
        dimension,
        byView,
        t,
        recipe.form(),
        projection,
        centre,
        train);
  }

  /**
   * Subtracts the mean of the {@code train} rows from every row, then normalises each row. A row at
   * the centre itself (no direction left) is refused rather than given an arbitrary one. Returns
   * the mean, for other rows (the augmented views) to be moved by the same centre.
   */
  static double[] centre(Map<Integer, float[]> rows, int[] train) {
    double[] mean = mean(rows, train);
    subtract(rows, mean);
    return mean;
  }

  private static double[] mean(Map<Integer, float[]> rows, int[] train) {
    int d = rows.get(train[0]).length;
    double[] mean = new double[d];
    for (int i : train) {
      float[] v = rows.get(i);
      for (int j = 0; j < d; j++) {
        mean[j] += v[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= train.length;
    }
    return mean;
  }

  private static void subtract(Map<Integer, float[]> rows, double[] mean) {
    for (Map.Entry<Integer, float[]> e : rows.entrySet()) {
      float[] v = e.getValue();
      double sum = 0;
      for (int j = 0; j < mean.length; j++) {
        v[j] -= (float) mean[j];
        sum += (double) v[j] * v[j];
      }
      if (sum < 1e-12) {
        throw new IllegalArgumentException(
            "crop " + e.getKey() + "'s teacher vector is the training mean: it has no direction");
      }
      unit(v);
    }
  }

  /** What the teacher is shown of a face: its own crop as it is, mirrored, or a view of it. */
  @FunctionalInterface
  private interface Shown {
    FaceCrop of(FaceImage image, FaceCrop teacherCrop);
  }

  /** The teacher with what it needs to embed the student's crops on its own crops. */
  private record Teacher(
      Embedder embedder,
      LfwDataset dataset,
      CropCache cache,
      CachedCrops studentCrops,
      PrintStream log) {

    /**
     * The unit targets of the crops at {@code indices}, from the stored vectors under {@code id}.
     */
    Map<Integer, float[]> targets(String id, Shown shown, int[] indices, float[][] projection)
        throws IOException {
      TeacherEmbeddings stored = stored(id, shown, indices);
      Map<Integer, float[]> out = new HashMap<>();
      for (int i : indices) {
        out.put(i, target(stored, studentCrops.image(i), projection));
      }
      return out;
    }

    /** The stored vectors of what is {@code shown} of each crop, the missing ones added. */
    private TeacherEmbeddings stored(String id, Shown shown, int[] indices) throws IOException {
      Path file = TeacherEmbeddings.fileIn(cache.dir(), id);
      TeacherEmbeddings stored =
          TeacherEmbeddings.read(file)
              .orElse(new TeacherEmbeddings(id, embedder.dimension(), Map.of()));
      if (!stored.modelId().equals(id) || stored.dimension() != embedder.dimension()) {
        throw new InvalidTeacherEmbeddingsException(
            file
                + " holds "
                + stored.dimension()
                + "-d embeddings of "
                + stored.modelId()
                + ", not of "
                + id
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
        log.printf("teacher %s: embedding %d images once (kept in %s)%n", id, missing.size(), file);
        stored = stored.with(embed(id, shown, missing));
        stored.write(file);
      }
      return stored;
    }

    private Map<String, float[]> embed(String id, Shown shown, List<FaceImage> images) {
      Set<String> identities = new LinkedHashSet<>();
      images.forEach(i -> identities.add(i.identity()));
      Map<String, float[]> out = new LinkedHashMap<>();
      try (CachedCrops crops = embedder.cachedCrops(cache, dataset.withIdentities(identities));
          ProgressBar bar =
              new ProgressBarBuilder()
                  .setTaskName("teacher " + id)
                  .setInitialMax(images.size())
                  .setUnit(" img", 1)
                  .setStyle(ProgressBarStyle.ASCII)
                  .setConsumer(new ConsoleProgressBarConsumer(System.err))
                  .setUpdateIntervalMillis(1000)
                  .build()) {
        for (int start = 0; start < images.size(); start += BATCH) {
          List<FaceImage> part = images.subList(start, Math.min(images.size(), start + BATCH));
          // Views are drawn in Java pixel by pixel: in parallel, as the student's batches are.
          List<FaceCrop> batch =
              part.parallelStream()
                  .map(i -> shown.of(i, crops.crop(crops.indexOf(i.key()))))
                  .toList();
          float[][] rows = embedder.embed(batch);
          for (int k = 0; k < rows.length; k++) {
            out.put(part.get(k).key(), rows[k]);
          }
          bar.stepBy(rows.length);
        }
      }
      return out;
    }
  }

  private static float[] target(TeacherEmbeddings stored, FaceImage image, float[][] projection) {
    float[] v = stored.vector(image.key()).orElseThrow();
    return unit(projection == null ? v.clone() : project(v, projection));
  }

  /**
   * The targets of blends of training crops, computed now (the teacher embeds each blend; nothing
   * is stored): row {@code k} is the target of {@code weights[k]} of crop {@code a[k]} over the
   * rest of crop {@code b[k]}, made the way every other target of this run is (mirror-averaged and
   * centred for {@link TargetForm#MIRROR_CENTRED}, projected for a teacher of another size).
   *
   * <p>Why: the student learns 8,684 faces and ends with a validation distance to its teacher
   * nearly twice its training one; blends of two faces are new inputs without end, and the teacher
   * says exactly where each belongs ("function matching", Beyer et al. 2022, where mixup was what
   * let long distillation keep improving). The blend is drawn on both models' crops of the same
   * aligned chip, so the two see one picture at their own sizes.
   */
  public NDArray blended(NDManager manager, int[] a, int[] b, float[] weights) {
    if (a.length != b.length || a.length != weights.length) {
      throw new IllegalArgumentException(
          a.length + " first faces, " + b.length + " second faces, " + weights.length + " weights");
    }
    CachedCrops crops = teacherCrops();
    List<FaceCrop> blends =
        IntStream.range(0, a.length)
            .parallel()
            .mapToObj(k -> teacherCrop(crops, a[k]).blend(teacherCrop(crops, b[k]), weights[k]))
            .toList();
    float[][] rows = targetsOf(source.embedder().embed(blends));
    if (form == TargetForm.MIRROR_CENTRED) {
      // As prepare does: each vector made a unit target, the two averaged, then centred.
      float[][] mirrored =
          targetsOf(source.embedder().embed(blends.stream().map(FaceCrop::mirrored).toList()));
      for (int k = 0; k < rows.length; k++) {
        for (int j = 0; j < dimension; j++) {
          rows[k][j] = (rows[k][j] + mirrored[k][j]) / 2;
          rows[k][j] -= (float) centre[j];
        }
        unit(rows[k]);
      }
    }
    float[] flat = new float[a.length * dimension];
    for (int k = 0; k < rows.length; k++) {
      System.arraycopy(rows[k], 0, flat, k * dimension, dimension);
    }
    return manager.create(flat, new Shape(a.length, dimension));
  }

  /** Teacher vectors as unit targets (projected for a teacher of another size). */
  private float[][] targetsOf(float[][] vectors) {
    float[][] out = new float[vectors.length][];
    for (int k = 0; k < vectors.length; k++) {
      out[k] = unit(projection == null ? vectors[k].clone() : project(vectors[k], projection));
    }
    return out;
  }

  private FaceCrop teacherCrop(CachedCrops crops, int studentIndex) {
    return crops.crop(crops.indexOf(source.studentCrops().image(studentIndex).key()));
  }

  private synchronized CachedCrops teacherCrops() {
    if (teacherCrops == null) {
      Set<String> identities = new LinkedHashSet<>();
      for (int i : train) {
        identities.add(source.studentCrops().image(i).identity());
      }
      teacherCrops =
          source
              .embedder()
              .cachedCrops(source.cache(), source.dataset().withIdentities(identities));
    }
    return teacherCrops;
  }

  /** Closes the teacher's crops if a blend opened them; the teacher model is the caller's. */
  @Override
  public synchronized void close() {
    if (teacherCrops != null) {
      teacherCrops.close();
      teacherCrops = null;
    }
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

  /** How many augmented views of each training crop have targets (0: the crops as they are). */
  public int views() {
    return byView.size() - 1;
  }

  /** The targets of these crops as they are, (N, dimension), on {@code manager}. */
  public NDArray of(NDManager manager, int[] indices) {
    return of(manager, indices, new int[indices.length]);
  }

  /**
   * The targets of these crops, each in its view ({@code views[k]}: 0 as it is, 1..{@link #views()}
   * an augmented view), (N, dimension), on {@code manager}.
   */
  public NDArray of(NDManager manager, int[] indices, int[] views) {
    float[] flat = new float[indices.length * dimension];
    for (int k = 0; k < indices.length; k++) {
      if (views[k] < 0 || views[k] >= byView.size()) {
        throw new IllegalArgumentException(
            "view " + views[k] + " of crop " + indices[k] + " has no targets (0.." + views() + ")");
      }
      float[] v = byView.get(views[k]).get(indices[k]);
      if (v == null) {
        throw new IllegalArgumentException(
            "no teacher vector for crop " + indices[k] + " in view " + views[k]);
      }
      System.arraycopy(v, 0, flat, k * dimension, dimension);
    }
    return manager.create(flat, new Shape(indices.length, dimension));
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
