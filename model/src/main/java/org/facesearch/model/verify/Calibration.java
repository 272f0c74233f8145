package org.facesearch.model.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Platt scaling: the probability that two faces are the same person, {@code 1 / (1 + exp(-(slope *
 * score + intercept)))}, as a function of their cosine similarity. A raw cosine does not read (with
 * a 64-d model strangers score 0.98 when the threshold is 0.80); a probability does, and "same
 * person" is simply probability >= 0.5. A model bundle stores it in its metrics under {@value
 * #SLOPE_METRIC} and {@value #INTERCEPT_METRIC}, fitted on LFW's {@code pairsDevTrain}.
 *
 * @param slope how fast the probability rises with the score; positive for any useful model
 * @param intercept the log-odds at score 0
 */
public record Calibration(double slope, double intercept) {
  public static final String SLOPE_METRIC = "calibrationSlope";
  public static final String INTERCEPT_METRIC = "calibrationIntercept";

  private static final int MAX_ITERATIONS = 100;

  public Calibration {
    if (!Double.isFinite(slope) || !Double.isFinite(intercept)) {
      throw new IllegalArgumentException(
          "a calibration needs a finite slope and intercept, got " + slope + ", " + intercept);
    }
  }

  /** The probability that a pair with this cosine similarity is the same person. */
  public double probability(double score) {
    double z = slope * score + intercept;
    // Either form overflows to 0 or 1 gracefully only on its own side of zero.
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /**
   * The score at which the probability is exactly one half: the verification threshold this
   * calibration implies, or empty when the slope is not positive (a model whose scores say
   * nothing).
   */
  public Optional<Double> evenOddsScore() {
    return slope > 0 ? Optional.of(-intercept / slope) : Optional.empty();
  }

  /** This calibration as metrics entries for a bundle's model.json. */
  public Map<String, Double> asMetrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(SLOPE_METRIC, slope);
    metrics.put(INTERCEPT_METRIC, intercept);
    return metrics;
  }

  /** The calibration recorded in a bundle's metrics, if it has one (bundles before it do not). */
  public static Optional<Calibration> fromMetrics(Map<String, Double> metrics) {
    Double slope = metrics.get(SLOPE_METRIC);
    Double intercept = metrics.get(INTERCEPT_METRIC);
    return slope == null || intercept == null
        ? Optional.empty()
        : Optional.of(new Calibration(slope, intercept));
  }

  /**
   * Fits the calibration to labelled pairs by maximum likelihood (logistic regression on the score,
   * Newton's method with a backtracking line search, in double). Targets are Platt's: {@code (N+ +
   * 1) / (N+ + 2)} for same-person pairs and {@code 1 / (N- + 2)} for others, which keeps the fit
   * finite even when the scores separate the pairs perfectly.
   *
   * @throws IllegalArgumentException unless there is at least one pair of each kind
   */
  public static Calibration fit(List<ScoredPair> pairs) {
    int n = pairs.size();
    double[] x = new double[n];
    double[] t = new double[n];
    int positives = 0;
    for (ScoredPair pair : pairs) {
      positives += pair.same() ? 1 : 0;
    }
    int negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException(
          "calibration needs both same-person and different-person pairs, got "
              + positives
              + " and "
              + negatives);
    }
    double high = (positives + 1.0) / (positives + 2.0);
    double low = 1.0 / (negatives + 2.0);
    for (int i = 0; i < n; i++) {
      ScoredPair pair = pairs.get(i);
      if (!Double.isFinite(pair.score())) {
        throw new IllegalArgumentException("pair " + i + " has score " + pair.score());
      }
      x[i] = pair.score();
      t[i] = pair.same() ? high : low;
    }
    double a = 0;
    double b = Math.log((positives + 1.0) / (negatives + 1.0));
    double loss = loss(x, t, a, b);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double ga = 0;
      double gb = 0;
      double haa = 1e-12;
      double hab = 0;
      double hbb = 1e-12;
      for (int i = 0; i < n; i++) {
        double p = new Calibration(a, b).probability(x[i]);
        double r = p - t[i];
        double w = p * (1 - p);
        ga += r * x[i];
        gb += r;
        haa += w * x[i] * x[i];
        hab += w * x[i];
        hbb += w;
      }
      if (Math.abs(ga) + Math.abs(gb) < 1e-10 * n) {
        break;
      }
      double det = haa * hbb - hab * hab;
      double da = -(hbb * ga - hab * gb) / det;
      double db = -(haa * gb - hab * ga) / det;
      double descent = ga * da + gb * db;
      double step = 1;
      double next = loss(x, t, a + da, b + db);
      while (next > loss + 1e-4 * step * descent && step > 1e-10) {
        step /= 2;
        next = loss(x, t, a + step * da, b + step * db);
      }
      if (step <= 1e-10) {
        break;
      }
      a += step * da;
      b += step * db;
      boolean converged = Math.abs(loss - next) <= 1e-15 * Math.max(1, Math.abs(loss));
      loss = next;
      if (converged) {
        break;
      }
    }
    return new Calibration(a, b);
  }

  /** Cross-entropy of the targets under the model, summed; log(1 + e^z) computed stably. */
  private static double loss(double[] x, double[] t, double a, double b) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double z = a * x[i] + b;
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      sum += softplus - t[i] * z;
    }
    return sum;
  }
}
