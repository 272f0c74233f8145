package org.facesearch.trainer.features;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.sample.IndexPair;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.features.LbpDescriptor;
import org.facesearch.model.features.LinearProjection;
import org.facesearch.model.features.Matrices;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.verify.ScoredPair;
import org.facesearch.model.verify.ScoredPairs;
import org.facesearch.model.verify.ThresholdChoice;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.eval.Verification;

/**
 * Learns a {@link FeatureModel}'s projection from LFW's training people: the classic pipeline that
 * beat learned features on LFW before deep networks had outside data. Each photo and its mirror
 * image give a long {@link LbpDescriptor}; a randomised PCA (Halko, Martinsson and Tropp 2011)
 * whitens them; in the whitened space, the directions along which photos of one person vary least
 * are kept, each divided by that variation (within-class covariance normalisation: what LDA keeps
 * once the total covariance is the identity), so that a cosine between two projected photos weighs
 * what tells people apart. How many PCA and output dimensions to keep is chosen on the pairs of
 * people held out of training (by AUC, which one threshold's accuracy on 600 pairs measures too
 * coarsely). Without identities ({@link FeatureTrainingSettings#withoutIdentities()}) the names are
 * never read and the model is the whitened PCA alone: an unsupervised LFW model.
 */
public final class FeatureModelTrainer {
  /** Keeps near-zero within-class directions from dominating the cosine. */
  private static final double WITHIN_CLASS_FLOOR = 1e-3;

  /** Extra sketch columns beyond the largest PCA size: what makes the randomised PCA accurate. */
  private static final int OVERSAMPLING = 200;

  private static final int POWER_ITERATIONS = 2;

  private final FeatureTrainingSettings settings;
  private final FeatureTrainingListener listener;

  public FeatureModelTrainer(FeatureTrainingSettings settings, FeatureTrainingListener listener) {
    this.settings = settings;
    this.listener = listener;
  }

  /** How crops must be prepared for {@code descriptor}: the aligned chip whole, in colour. */
  public static Preprocessing preprocessing(LbpDescriptor descriptor) {
    return new Preprocessing(CropBox.FULL, ColorMode.RGB, descriptor.inputSize());
  }

  /**
   * Fits the projection on {@code data}'s training people, picks its sizes on the validation
   * people, measures it on LFW's View 1 and writes the model to {@code out}.
   *
   * @param alignment how {@code data}'s crops were aligned, recorded in the model
   * @throws IOException when the model folder cannot be written
   */
  public FeatureModel train(TrainingData data, InputAlignment alignment, Path out)
      throws IOException {
    long started = System.nanoTime();
    LbpDescriptor descriptor = settings.descriptor();
    int[] train = data.train();
    int n = 2 * train.length;
    int k = settings.maxPcaDim() + OVERSAMPLING;
    if (k > n) {
      throw new IllegalArgumentException(
          "PCA to "
              + settings.maxPcaDim()
              + " dimensions needs more than "
              + k
              + " training rows; "
              + data.trainPeople().size()
              + " people give "
              + n
              + " (photos and their mirror images): ask for fewer dimensions");
    }
    DescriptorRows rows = new DescriptorRows(data.crops(), train, descriptor, listener::pass);
    listener.stage(
        String.format(
            java.util.Locale.ROOT,
            "randomised PCA of %,d descriptors of %,d values to rank %d",
            n,
            rows.dim(),
            k));
    Pca pca = Pca.fit(rows, k, settings.seed());

    // Names are read only here, and only when the settings allow it.
    int[] labels = new int[n];
    Map<String, Integer> people = new HashMap<>();
    if (settings.supervised()) {
      for (int r = 0; r < n; r++) {
        String person = data.crops().image(rows.image(r)).identity();
        labels[r] = people.computeIfAbsent(person, p -> people.size());
      }
    }

    listener.stage(
        "choosing PCA and output sizes on " + data.validationPairs().size() + " validation pairs");
    Map<Integer, float[][]> validationCoordinates =
        pca.coordinatesOf(data, validationImages(data), rows);
    Candidate best = null;
    List<String> tried = new ArrayList<>();
    for (int pcaDim : settings.pcaDims()) {
      WithinClass withinClass =
          settings.supervised()
              ? WithinClass.fit(pca.whitenedTraining(pcaDim), n, pcaDim, labels, people.size())
              : null;
      // Once per PCA size: every output size and both flip settings reuse it.
      Map<Integer, float[][]> whitenedValidation = pca.whiten(validationCoordinates, pcaDim);
      List<Integer> outputDims = settings.supervised() ? settings.outputDims() : List.of(pcaDim);
      for (int outputDim : outputDims) {
        if (outputDim > pcaDim) {
          continue;
        }
        float[] reduce =
            withinClass != null ? withinClass.normalisation(outputDim) : identity(pcaDim);
        ScoredPairs plain =
            scoreValidation(data, whitenedValidation, pcaDim, reduce, outputDim, false);
        ScoredPairs flipped =
            scoreValidation(data, whitenedValidation, pcaDim, reduce, outputDim, true);
        boolean flip = flipped.auc() >= plain.auc();
        ScoredPairs chosen = flip ? flipped : plain;
        double accuracy = chosen.bestThreshold().accuracy();
        listener.candidate(pcaDim, outputDim, chosen.auc(), accuracy);
        tried.add(
            String.format(java.util.Locale.ROOT, "%d/%d: %.4f", pcaDim, outputDim, chosen.auc()));
        if (best == null || chosen.auc() > best.auc) {
          best = new Candidate(pcaDim, outputDim, reduce, flip, chosen.auc(), plain, flipped);
        }
      }
    }
    if (best == null) {
      throw new IllegalArgumentException(
          "no output size is at most a PCA size: output sizes "
              + settings.outputDims()
              + ", PCA sizes "
              + settings.pcaDims());
    }

    listener.stage(
        "measuring PCA " + best.pcaDim + " / output " + best.outputDim + " on LFW's View 1 pairs");
    float[] matrix = pca.projection(best.pcaDim, best.reduce, best.outputDim);
    LinearProjection projection = new LinearProjection(rows.mean(), matrix, best.outputDim);
    Map<String, Double> metrics = measure(data, descriptor, projection, best);
    Map<String, Object> hyperparameters = hyperparameters(data, alignment, rows, k, best, tried);
    TrainingRecord record =
        new TrainingRecord(
            hyperparameters,
            "cpu",
            data.fingerprint(),
            0,
            0,
            metrics,
            (System.nanoTime() - started) / 1e9,
            Instant.now(),
            settings.codeVersion());
    return FeatureModel.write(out, descriptor, alignment, best.flip, projection, record);
  }

  /** What the model records about its fit: the descriptor, the sizes tried and chosen, the data. */
  private Map<String, Object> hyperparameters(
      TrainingData data,
      InputAlignment alignment,
      DescriptorRows rows,
      int k,
      Candidate best,
      List<String> tried) {
    Map<String, Object> hyperparameters = new LinkedHashMap<>();
    LbpDescriptor descriptor = settings.descriptor();
    hyperparameters.put("objective", FeatureModel.KIND);
    hyperparameters.put(
        "descriptor",
        "uniform LBP(8,1), cells "
            + descriptor.cell()
            + " stride "
            + descriptor.stride()
            + ", scales "
            + descriptor.scales());
    hyperparameters.put("descriptorDim", (long) rows.dim());
    hyperparameters.put("alignment", alignment.id());
    hyperparameters.put("pcaDim", (long) best.pcaDim);
    hyperparameters.put("outputDim", (long) best.outputDim);
    hyperparameters.put("candidates", String.join(", ", tried));
    hyperparameters.put("selection", "validation AUC");
    hyperparameters.put("pcaRank", (long) k);
    hyperparameters.put("powerIterations", (long) POWER_ITERATIONS);
    hyperparameters.put(
        "supervision",
        settings.supervised()
            ? "identities (within-class normalisation)"
            : "none: whitened PCA of unlabelled photos");
    if (settings.supervised()) {
      hyperparameters.put("withinClassFloor", WITHIN_CLASS_FLOOR);
    }
    hyperparameters.put("seed", settings.seed());
    hyperparameters.put("validationFraction", settings.validationFraction());
    hyperparameters.put("validationPairs", (long) settings.validationPairs());
    hyperparameters.put("validationPeople", (long) data.validationPeople().size());
    hyperparameters.put("trainingImages", (long) data.train().length);
    hyperparameters.put("trainingRows", (long) rows.rows());
    hyperparameters.put("passes", (long) rows.passes());
    hyperparameters.put("trainingPeople", (long) data.trainPeople().size());
    hyperparameters.put("trainingPeopleSource", TrainingData.TRAIN_PEOPLE);
    hyperparameters.put(
        "trainingData",
        "LFW peopleDevTrain only"
            + (settings.supervised() ? "" : ", its photos without their people's names")
            + " (no outside data"
            + (alignment == InputAlignment.NONE
                ? ")"
                : "; faces aligned by face-api.js's 68-point landmark network)"));
    return hyperparameters;
  }

  private static float[] identity(int dim) {
    float[] out = new float[dim * dim];
    for (int i = 0; i < dim; i++) {
      out[i * dim + i] = 1f;
    }
    return out;
  }

  private static int[] validationImages(TrainingData data) {
    return data.validationPairs().stream()
        .flatMapToInt(p -> java.util.stream.IntStream.of(p.a(), p.b()))
        .distinct()
        .toArray();
  }

  private static ScoredPairs scoreValidation(
      TrainingData data,
      Map<Integer, float[][]> whitened,
      int pcaDim,
      float[] reduce,
      int outputDim,
      boolean flip) {
    Map<Integer, float[]> embedded = new HashMap<>();
    for (Map.Entry<Integer, float[][]> e : whitened.entrySet()) {
      float[][] views = e.getValue();
      float[] v = Matrices.times(views[0], 1, pcaDim, reduce, outputDim);
      if (flip) {
        float[] m = Matrices.times(views[1], 1, pcaDim, reduce, outputDim);
        for (int j = 0; j < v.length; j++) {
          v[j] += m[j];
        }
      }
      embedded.put(e.getKey(), unit(v));
    }
    List<ScoredPair> scored = new ArrayList<>();
    for (IndexPair p : data.validationPairs()) {
      float[] a = embedded.get(p.a());
      float[] b = embedded.get(p.b());
      double dot = 0;
      for (int j = 0; j < a.length; j++) {
        dot += a[j] * b[j];
      }
      scored.add(new ScoredPair(dot, p.same()));
    }
    return new ScoredPairs(scored);
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (int j = 0; j < v.length; j++) {
      v[j] = (float) (v[j] * scale);
    }
    return v;
  }

  /**
   * The bundle's metrics, named as a network's run names them, through the model's own embedder.
   */
  private static Map<String, Double> measure(
      TrainingData data, LbpDescriptor descriptor, LinearProjection projection, Candidate chosen) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<Boolean, Double> view1 = new HashMap<>();
    for (boolean flip : new boolean[] {false, true}) {
      try (Embedder embedder =
          FeatureModel.embedder("final-evaluation", descriptor, projection, flip)) {
        Verification verification = new Verification(embedder, data.crops());
        ScoredPairs threshold = verification.score(data.thresholdPairs());
        ScoredPairs test = verification.score(data.testPairs());
        ThresholdChoice choice = threshold.bestThreshold();
        view1.put(flip, test.accuracyAt(choice.threshold()));
        if (flip == chosen.flip) {
          metrics.put("view1Accuracy", test.accuracyAt(choice.threshold()));
          metrics.put("threshold", choice.threshold());
          metrics.put("thresholdPairsAccuracy", choice.accuracy());
          threshold.calibration().ifPresent(c -> metrics.putAll(c.asMetrics()));
          metrics.put("view1Auc", test.auc());
        }
      }
    }
    ScoredPairs validation = chosen.flip ? chosen.flipped : chosen.plain;
    metrics.put("validationAccuracy", validation.bestThreshold().accuracy());
    metrics.put("validationAuc", validation.auc());
    metrics.put("view1AccuracyNoFlip", view1.get(false));
    metrics.put("view1AccuracyFlip", view1.get(true));
    metrics.put("validationAccuracyNoFlip", chosen.plain.bestThreshold().accuracy());
    metrics.put("validationAccuracyFlip", chosen.flipped.bestThreshold().accuracy());
    metrics.put("testTimeFlip", chosen.flip ? 1.0 : 0.0);
    return metrics;
  }

  private record Candidate(
      int pcaDim,
      int outputDim,
      float[] reduce,
      boolean flip,
      double auc,
      ScoredPairs plain,
      ScoredPairs flipped) {}

  /**
   * The randomised PCA of the training rows: {@code bt = R^T Q} for an orthonormal basis {@code Q}
   * of the rows' dominant column space, and the eigendecomposition of {@code bt^T bt}, whose
   * eigenvectors {@code u_j} and eigenvalues {@code w_j} give the principal directions {@code bt
   * u_j / sqrt(w_j)}, each with variance {@code w_j / n}.
   */
  private record Pca(
      float[] bt, double[] values, double[] vectors, float[] qu, int n, int dim, int k) {
    static Pca fit(DescriptorRows rows, int k, long seed) {
      int n = rows.rows();
      int dim = rows.dim();
      Random random = new Random(seed);
      float[] omega = new float[dim * k];
      for (int i = 0; i < omega.length; i++) {
        omega[i] = (float) random.nextGaussian();
      }
      float[] y = rows.times(omega, k);
      for (int it = 0; it < POWER_ITERATIONS; it++) {
        y = orthonormal(y, n, k);
        float[] z = rows.transposeTimes(y, k);
        y = rows.times(z, k);
      }
      float[] q = orthonormal(y, n, k);
      float[] bt = rows.transposeTimes(q, k);
      double[] gram = Matrices.transposeTimes(bt, dim, k, bt, k);
      double[] values = Matrices.symmetricEigen(gram, k);
      // R ~ Q B with B = bt^T, so R's whitened coordinate j, R bt u_j sqrt(n) / w_j, is
      // Q (B B^T) u_j sqrt(n) / w_j = sqrt(n) Q u_j: no pass over the rows needed.
      float[] qu = Matrices.times(q, n, k, Matrices.toFloat(gram), k);
      return new Pca(bt, values, gram, qu, n, dim, k);
    }

    /** Column of the j-th largest eigenvalue. */
    private int column(int j) {
      return k - 1 - j;
    }

    /** The training rows in the top {@code d} whitened PCA coordinates (n x d). */
    float[] whitenedTraining(int d) {
      float[] out = new float[n * d];
      double scale = Math.sqrt(n);
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < d; j++) {
          out[r * d + j] = (float) (qu[r * k + column(j)] * scale);
        }
      }
      return out;
    }

    /** {@code (x - mean) . bt} for each photo and its mirror: {@link #whiten}'s input. */
    Map<Integer, float[][]> coordinatesOf(TrainingData data, int[] images, DescriptorRows rows) {
      Map<Integer, float[][]> out = new HashMap<>();
      int chunk = 128;
      for (int first = 0; first < images.length; first += chunk) {
        int count = Math.min(chunk, images.length - first);
        float[] block = new float[2 * count * dim];
        int base = first;
        java.util.stream.IntStream.range(0, 2 * count)
            .parallel()
            .forEach(
                r -> {
                  var crop = data.crops().crop(images[base + r / 2]);
                  float[] d = rows.centred(r % 2 == 0 ? crop : crop.mirrored());
                  System.arraycopy(d, 0, block, r * dim, dim);
                });
        float[] projected = Matrices.times(block, 2 * count, dim, bt, k);
        for (int i = 0; i < count; i++) {
          out.put(
              images[first + i],
              new float[][] {
                java.util.Arrays.copyOfRange(projected, 2 * i * k, (2 * i + 1) * k),
                java.util.Arrays.copyOfRange(projected, (2 * i + 1) * k, (2 * i + 2) * k)
              });
        }
      }
      return out;
    }

    /** {@code U_top . diag(sqrt(n) / w)} ({@code k x pcaDim}): coordinates to whitened PCA. */
    private float[] whitening(int pcaDim) {
      float[] whiten = new float[k * pcaDim];
      double scale = Math.sqrt(n);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < pcaDim; j++) {
          int c = column(j);
          whiten[i * pcaDim + j] = (float) (vectors[i * k + c] * scale / values[c]);
        }
      }
      return whiten;
    }

    /** Each photo's and mirror's {@link #coordinatesOf} in the top {@code pcaDim} whitened ones. */
    Map<Integer, float[][]> whiten(Map<Integer, float[][]> coordinates, int pcaDim) {
      float[] whiten = whitening(pcaDim);
      Map<Integer, float[][]> out = new HashMap<>();
      coordinates.forEach(
          (image, views) ->
              out.put(
                  image,
                  new float[][] {
                    Matrices.times(views[0], 1, k, whiten, pcaDim),
                    Matrices.times(views[1], 1, k, whiten, pcaDim)
                  }));
      return out;
    }

    /** The descriptor-to-output matrix: {@code bt . whitening . reduce}. */
    float[] projection(int pcaDim, float[] reduce, int outputDim) {
      float[] pcaMatrix = Matrices.times(bt, dim, k, whitening(pcaDim), pcaDim);
      return Matrices.times(pcaMatrix, dim, pcaDim, reduce, outputDim);
    }

    /**
     * {@code y (n x k)} with orthonormal columns spanning the same space (directions kept > 1e-9).
     */
    private static float[] orthonormal(float[] y, int n, int k) {
      double[] gram = Matrices.transposeTimes(y, n, k, y, k);
      double[] values = Matrices.symmetricEigen(gram, k);
      float[] t = new float[k * k];
      double largest = values[k - 1];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          t[i * k + j] =
              values[j] > 1e-9 * largest ? (float) (gram[i * k + j] / Math.sqrt(values[j])) : 0f;
        }
      }
      return Matrices.times(y, n, k, t, k);
    }
  }

  /** The within-class covariance of whitened rows, eigendecomposed. */
  private record WithinClass(double[] values, double[] vectors, int dim) {
    static WithinClass fit(float[] z, int n, int dim, int[] labels, int classes) {
      double[] sums = new double[classes * dim];
      int[] counts = new int[classes];
      for (int r = 0; r < n; r++) {
        counts[labels[r]]++;
        for (int j = 0; j < dim; j++) {
          sums[labels[r] * dim + j] += z[r * dim + j];
        }
      }
      float[] deviations = new float[n * dim];
      for (int r = 0; r < n; r++) {
        int c = labels[r];
        for (int j = 0; j < dim; j++) {
          deviations[r * dim + j] = (float) (z[r * dim + j] - sums[c * dim + j] / counts[c]);
        }
      }
      double[] covariance = Matrices.transposeTimes(deviations, n, dim, deviations, dim);
      for (int i = 0; i < covariance.length; i++) {
        covariance[i] /= n;
      }
      double[] values = Matrices.symmetricEigen(covariance, dim);
      return new WithinClass(values, covariance, dim);
    }

    /** {@code dim x outputDim}: the least-varying directions, each divided by its spread. */
    float[] normalisation(int outputDim) {
      float[] out = new float[dim * outputDim];
      for (int i = 0; i < dim; i++) {
        for (int j = 0; j < outputDim; j++) {
          out[i * outputDim + j] =
              (float)
                  (vectors[i * dim + j] / Math.sqrt(Math.max(values[j], 0) + WITHIN_CLASS_FLOOR));
        }
      }
      return out;
    }
  }
}
