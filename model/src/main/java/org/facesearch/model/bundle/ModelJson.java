package org.facesearch.model.bundle;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.input.InputSpec;
import org.facesearch.model.input.Normalization;

/**
 * The JSON form of {@link BundleMetadata}, field for field as {@code model.json} holds it. Enum
 * values are plain strings here so that an unknown name gets our message, not Jackson's.
 */
record ModelJson(
    Integer formatVersion,
    String objective,
    String architecture,
    String embedding,
    Integer embeddingDim,
    Integer inputSize,
    PreprocessingJson preprocessing,
    Boolean testTimeFlip,
    String alignment,
    Map<String, Object> hyperparameters,
    String device,
    String dataFingerprint,
    Long iterations,
    Integer epochs,
    Map<String, Double> metrics,
    Double trainingSeconds,
    String createdAt,
    String codeVersion,
    String weightsSha256) {

  static final int FORMAT_VERSION = 1;

  record PreprocessingJson(
      String crop, Integer size, String color, NormalizationJson normalization) {}

  record NormalizationJson(List<Float> mean, List<Float> std) {}

  static ModelJson of(BundleMetadata metadata) {
    ModelSpec spec = metadata.spec();
    TrainingRecord training = metadata.training();
    Preprocessing pre = spec.input().preprocessing();
    Normalization norm = spec.input().normalization();
    return new ModelJson(
        FORMAT_VERSION,
        spec.objective().id(),
        spec.architecture().id(),
        spec.embedding().id(),
        spec.embeddingDim(),
        pre.size(),
        new PreprocessingJson(
            pre.crop().toString(),
            pre.size(),
            pre.color().name(),
            new NormalizationJson(norm.mean(), norm.std())),
        spec.testTimeFlip(),
        spec.alignment().id(),
        training.hyperparameters(),
        training.device(),
        training.dataFingerprint(),
        training.iterations(),
        training.epochs(),
        training.metrics(),
        training.trainingSeconds(),
        training.createdAt().toString(),
        training.codeVersion(),
        metadata.weightsSha256());
  }

  /** Checks every field; a problem names the file and the field. */
  BundleMetadata toMetadata(Path file) {
    String where = file + ": ";
    if (!Integer.valueOf(FORMAT_VERSION).equals(formatVersion)) {
      throw new InvalidModelBundleException(
          where
              + "formatVersion is "
              + formatVersion
              + "; this facesearch reads version "
              + FORMAT_VERSION);
    }
    try {
      Objective obj = Objective.fromId(required(objective, "objective"));
      Architecture arch = Architecture.fromId(required(architecture, "architecture"));
      EmbeddingSource source = EmbeddingSource.fromId(required(embedding, "embedding"));
      PreprocessingJson pre = required(preprocessing, "preprocessing");
      NormalizationJson norm = required(pre.normalization(), "preprocessing.normalization");
      Preprocessing preprocessing =
          new Preprocessing(
              CropBox.parse(required(pre.crop(), "preprocessing.crop")),
              colorMode(required(pre.color(), "preprocessing.color")),
              required(pre.size(), "preprocessing.size"));
      InputSpec input =
          new InputSpec(
              preprocessing,
              new Normalization(
                  required(norm.mean(), "preprocessing.normalization.mean"),
                  required(norm.std(), "preprocessing.normalization.std")));
      // Bundles written before alignments existed name none: LFW's framing as it is.
      InputAlignment aligned =
          alignment == null ? InputAlignment.NONE : InputAlignment.fromId(alignment);
      ModelSpec spec =
          new ModelSpec(obj, arch, source, input, required(testTimeFlip, "testTimeFlip"), aligned);
      if (required(embeddingDim, "embeddingDim") != spec.embeddingDim()) {
        throw new IllegalArgumentException(
            "embeddingDim is "
                + embeddingDim
                + " but a "
                + obj.id()
                + " "
                + arch.id()
                + " "
                + source.id()
                + " embedding has "
                + spec.embeddingDim());
      }
      if (required(inputSize, "inputSize") != preprocessing.size()) {
        throw new IllegalArgumentException(
            "inputSize is " + inputSize + " but preprocessing.size is " + preprocessing.size());
      }
      TrainingRecord training =
          new TrainingRecord(
              required(hyperparameters, "hyperparameters"),
              required(device, "device"),
              required(dataFingerprint, "dataFingerprint"),
              required(iterations, "iterations"),
              required(epochs, "epochs"),
              required(metrics, "metrics"),
              required(trainingSeconds, "trainingSeconds"),
              Instant.parse(required(createdAt, "createdAt")),
              required(codeVersion, "codeVersion"));
      return new BundleMetadata(spec, training, required(weightsSha256, "weightsSha256"));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new InvalidModelBundleException(where + e.getMessage(), e);
    }
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return value;
  }

  private static ColorMode colorMode(String name) {
    for (ColorMode mode : ColorMode.values()) {
      if (mode.name().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown preprocessing.color '" + name + "'; known: RGB, GREY");
  }
}
