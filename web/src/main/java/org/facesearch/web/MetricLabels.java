package org.facesearch.web;

import java.util.Locale;
import java.util.Map;

/**
 * A model's metrics as a person reads them: "Accuracy on LFW View 1 (pairsDevTest): 82.4 %", not
 * "view1Accuracy 0.8240". Keys the trainer does not write today fall back to their words.
 */
final class MetricLabels {
  private enum Kind {
    SHARE,
    YES_NO,
    NUMBER,
    COSINE,
    IMAGES_PER_SECOND
  }

  private record Label(String text, Kind kind) {}

  private static final Map<String, Label> LABELS =
      Map.ofEntries(
          Map.entry("view1Accuracy", new Label("Accuracy on LFW View 1 (pairsDevTest)", Kind.SHARE)),
          Map.entry("view1AccuracyFlip", new Label("View 1 accuracy, with flip averaging", Kind.SHARE)),
          Map.entry(
              "view1AccuracyNoFlip", new Label("View 1 accuracy, without flip averaging", Kind.SHARE)),
          Map.entry("view1Auc", new Label("View 1 ROC AUC", Kind.NUMBER)),
          Map.entry("threshold", new Label("Most accurate threshold on pairsDevTrain", Kind.COSINE)),
          Map.entry(
              "thresholdPairsAccuracy",
              new Label("Accuracy on pairsDevTrain at that threshold", Kind.SHARE)),
          Map.entry("validationAccuracy", new Label("Validation accuracy (held-out people)", Kind.SHARE)),
          Map.entry(
              "validationAccuracyFlip", new Label("Validation accuracy, with flip averaging", Kind.SHARE)),
          Map.entry(
              "validationAccuracyNoFlip",
              new Label("Validation accuracy, without flip averaging", Kind.SHARE)),
          Map.entry("validationAuc", new Label("Validation ROC AUC", Kind.NUMBER)),
          Map.entry("finalTrainLoss", new Label("Final training loss", Kind.NUMBER)),
          Map.entry("finalValidationLoss", new Label("Final validation loss", Kind.NUMBER)),
          Map.entry("trainImagesPerSecond", new Label("Training speed", Kind.IMAGES_PER_SECOND)),
          Map.entry("testTimeFlip", new Label("Averages each face with its mirror image", Kind.YES_NO)),
          Map.entry("stoppedByTimeLimit", new Label("Training stopped by its time limit", Kind.YES_NO)),
          Map.entry(
              "calibrationSlope", new Label("Probability calibration: slope (Platt)", Kind.NUMBER)),
          Map.entry(
              "calibrationIntercept",
              new Label("Probability calibration: intercept (Platt)", Kind.NUMBER)));

  private MetricLabels() {}

  static String label(String key) {
    Label label = LABELS.get(key);
    if (label != null) {
      return label.text();
    }
    // "someNewMetric" -> "Some new metric"
    String words = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  static String value(String key, double value) {
    Label label = LABELS.get(key);
    Kind kind = label == null ? Kind.NUMBER : label.kind();
    return switch (kind) {
      case SHARE -> String.format(Locale.ROOT, "%.1f %%", 100 * value);
      case YES_NO -> value != 0 ? "yes" : "no";
      case COSINE -> String.format(Locale.ROOT, "%.4f (cosine similarity)", value);
      case IMAGES_PER_SECOND -> String.format(Locale.ROOT, "%.1f images/s", value);
      case NUMBER -> String.format(Locale.ROOT, "%.4f", value);
    };
  }
}
