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
          label("view1Accuracy", "Accuracy on LFW View 1 (pairsDevTest)", Kind.SHARE),
          label("view1AccuracyFlip", "View 1 accuracy, with flip averaging", Kind.SHARE),
          label("view1AccuracyNoFlip", "View 1 accuracy, without flip averaging", Kind.SHARE),
          label("view1Auc", "View 1 ROC AUC", Kind.NUMBER),
          label("threshold", "Most accurate threshold on pairsDevTrain", Kind.COSINE),
          label("thresholdPairsAccuracy", "Accuracy on pairsDevTrain there", Kind.SHARE),
          label("validationAccuracy", "Validation accuracy (held-out people)", Kind.SHARE),
          label("validationAccuracyFlip", "Validation accuracy, with flip averaging", Kind.SHARE),
          label("validationAccuracyNoFlip", "Validation accuracy, without flipping", Kind.SHARE),
          label("validationAuc", "Validation ROC AUC", Kind.NUMBER),
          label("finalTrainLoss", "Final training loss", Kind.NUMBER),
          label("finalValidationLoss", "Final validation loss", Kind.NUMBER),
          label("trainImagesPerSecond", "Training speed", Kind.IMAGES_PER_SECOND),
          label("testTimeFlip", "Averages each face with its mirror image", Kind.YES_NO),
          label("stoppedByTimeLimit", "Training stopped by its time limit", Kind.YES_NO),
          label("calibrationSlope", "Probability calibration: slope", Kind.NUMBER),
          label("calibrationIntercept", "Probability calibration: intercept", Kind.NUMBER));

  private static Map.Entry<String, Label> label(String key, String text, Kind kind) {
    return Map.entry(key, new Label(text, kind));
  }

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
