package org.facesearch.model.bundle;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a model came about, recorded in its bundle for comparison and reproduction.
 *
 * @param hyperparameters settings by name: strings, booleans, whole numbers (kept as {@code Long})
 *     and decimals (kept as {@code Double})
 * @param device where it trained, e.g. {@code cpu} or {@code cuda:0 (NVIDIA H100 80GB HBM3)}
 * @param dataFingerprint identifies the training data (e.g. a hash of the dataset manifest)
 * @param iterations optimiser steps taken
 * @param epochs passes over the training data
 * @param metrics results by name, e.g. {@code view1Accuracy}, {@code threshold}
 * @param trainingSeconds wall-clock training time
 * @param createdAt when the bundle was made
 * @param codeVersion the facesearch version that trained it
 */
public record TrainingRecord(
    Map<String, Object> hyperparameters,
    String device,
    String dataFingerprint,
    long iterations,
    int epochs,
    Map<String, Double> metrics,
    double trainingSeconds,
    Instant createdAt,
    String codeVersion) {

  public TrainingRecord {
    hyperparameters = normaliseHyperparameters(hyperparameters);
    Objects.requireNonNull(metrics, "metrics");
    for (Map.Entry<String, Double> metric : metrics.entrySet()) {
      if (metric.getValue() == null || !Double.isFinite(metric.getValue())) {
        throw new IllegalArgumentException(
            "metric " + metric.getKey() + " must be a finite number, got " + metric.getValue());
      }
    }
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(dataFingerprint, "dataFingerprint");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(codeVersion, "codeVersion");
    if (iterations < 0 || epochs < 0) {
      throw new IllegalArgumentException(
          "iterations and epochs cannot be negative: " + iterations + ", " + epochs);
    }
    if (!(trainingSeconds >= 0) || Double.isInfinite(trainingSeconds)) {
      throw new IllegalArgumentException(
          "trainingSeconds must be a finite number >= 0, got " + trainingSeconds);
    }
  }

  /** JSON keeps only these kinds of values, and reads numbers back as Long or Double. */
  private static Map<String, Object> normaliseHyperparameters(Map<String, Object> in) {
    Objects.requireNonNull(in, "hyperparameters");
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : in.entrySet()) {
      Object v = e.getValue();
      Object kept =
          switch (v) {
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> (long) i;
            case Long l -> l;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Float f when Float.isFinite(f) -> Double.parseDouble(Float.toString(f));
            case Double d when Double.isFinite(d) -> d;
            case null, default ->
                throw new IllegalArgumentException(
                    "hyperparameter "
                        + e.getKey()
                        + " must be a string, boolean or finite number,"
                        + " got "
                        + v);
          };
      out.put(e.getKey(), kept);
    }
    return Collections.unmodifiableMap(out);
  }
}
