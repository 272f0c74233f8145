package org.facesearch.trainer.features;

import java.util.List;
import java.util.Objects;
import org.facesearch.model.features.LbpDescriptor;

/**
 * What a {@link FeatureModelTrainer} fits: the descriptor, the PCA and output sizes to choose
 * between on the validation people, how those people are drawn, and whether the fit may read who is
 * in each photo ({@code supervised}: the within-class step needs names; without them the model is
 * the whitened PCA alone). Start from {@link #defaults()} and change what differs.
 */
public record FeatureTrainingSettings(
    LbpDescriptor descriptor,
    List<Integer> pcaDims,
    List<Integer> outputDims,
    long seed,
    double validationFraction,
    int validationPairs,
    boolean supervised,
    String codeVersion) {

  public FeatureTrainingSettings {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(codeVersion, "codeVersion");
    pcaDims = List.copyOf(pcaDims);
    outputDims = List.copyOf(outputDims);
    if (pcaDims.isEmpty() || outputDims.isEmpty()) {
      throw new IllegalArgumentException("give at least one PCA size and one output size");
    }
    for (int d : pcaDims) {
      if (d < 2 || d > 4000) {
        throw new IllegalArgumentException("PCA sizes must lie between 2 and 4000, got " + d);
      }
    }
    for (int d : outputDims) {
      if (d < 2 || d > 4000) {
        throw new IllegalArgumentException("output sizes must lie between 2 and 4000, got " + d);
      }
    }
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "the validation share must lie strictly between 0 and 1, got " + validationFraction);
    }
    if (validationPairs < 2) {
      throw new IllegalArgumentException(
          "at least 2 validation pairs are needed, got " + validationPairs);
    }
  }

  /**
   * The default descriptor; PCA 400, 600 or 800 and outputs of 200, 300 or 400, chosen on 1,000
   * pairs of a tenth of the training people (600 pairs, the networks' default, tell candidates
   * apart too coarsely).
   */
  public static FeatureTrainingSettings defaults() {
    return new FeatureTrainingSettings(
        LbpDescriptor.DEFAULT,
        List.of(400, 600, 800),
        List.of(200, 300, 400),
        1,
        0.1,
        1000,
        true,
        "facesearch");
  }

  public int maxPcaDim() {
    return pcaDims.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  public FeatureTrainingSettings withDescriptor(LbpDescriptor d) {
    return new FeatureTrainingSettings(
        d, pcaDims, outputDims, seed, validationFraction, validationPairs, supervised, codeVersion);
  }

  public FeatureTrainingSettings withSizes(List<Integer> pca, List<Integer> outputs) {
    return new FeatureTrainingSettings(
        descriptor,
        pca,
        outputs,
        seed,
        validationFraction,
        validationPairs,
        supervised,
        codeVersion);
  }

  public FeatureTrainingSettings withSeed(long s) {
    return new FeatureTrainingSettings(
        descriptor,
        pcaDims,
        outputDims,
        s,
        validationFraction,
        validationPairs,
        supervised,
        codeVersion);
  }

  public FeatureTrainingSettings withValidation(double fraction, int pairs) {
    return new FeatureTrainingSettings(
        descriptor, pcaDims, outputDims, seed, fraction, pairs, supervised, codeVersion);
  }

  public FeatureTrainingSettings withCodeVersion(String version) {
    return new FeatureTrainingSettings(
        descriptor,
        pcaDims,
        outputDims,
        seed,
        validationFraction,
        validationPairs,
        supervised,
        version);
  }

  /**
   * Without the names of the training photos' people: the whitened PCA of their descriptors, each
   * PCA size its own output size ({@code outputDims} is not read). The validation people's pairs
   * still choose between PCA sizes unless only one is given.
   */
  public FeatureTrainingSettings withoutIdentities() {
    return new FeatureTrainingSettings(
        descriptor,
        pcaDims,
        outputDims,
        seed,
        validationFraction,
        validationPairs,
        false,
        codeVersion);
  }
}
