package org.facesearch.trainer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.facesearch.data.sample.AugmentationConfig;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.Objective;

/**
 * Everything that decides what a training run computes. Exactly one of {@code iterations} and
 * {@code epochs} is positive; an epoch is as many steps as it takes to show every training image
 * once.
 *
 * @param objective the loss and head
 * @param architecture the backbone
 * @param mining how triplets are formed (triplet only)
 * @param pairs where pairs come from (contrastive and bce only)
 * @param iterations optimiser steps, or 0 when {@code epochs} is given
 * @param epochs passes over the training images, or 0 when {@code iterations} is given
 * @param batch triplets (random mining), images (batch-hard, batch-all, ntxent: images per view)
 *     or pairs per step
 * @param imagesPerPerson K of the P x K batches (batch-hard, batch-all)
 * @param augment whether training images of the supervised objectives are mildly distorted
 *     ({@link #MILD_AUGMENTATION}); NT-Xent always uses SimCLR's strong augmentation
 * @param margin triplet or contrastive margin
 * @param temperature triplet or NT-Xent temperature
 * @param learningRate Adam's step size
 * @param cosineDecay whether the learning rate decays along a cosine to 0 over the run (else it
 *     stays constant)
 * @param weightDecay L2 penalty added to the gradients
 * @param seed fixes initial weights, the validation split and every batch
 * @param validateEvery steps between validations (also the checkpoint interval)
 * @param validationFraction share of the training people held out for validation
 * @param validationPairs same/different pairs of held-out people scored at each validation
 * @param protocolPairLimit use only this many pairs of each protocol file (half matched, half
 *     mismatched) for the final metrics, 0 for all: for quick smoke runs
 */
public record TrainConfig(
    Objective objective,
    Architecture architecture,
    Mining mining,
    PairSource pairs,
    long iterations,
    int epochs,
    int batch,
    int imagesPerPerson,
    boolean augment,
    float margin,
    float temperature,
    float learningRate,
    boolean cosineDecay,
    float weightDecay,
    long seed,
    int validateEvery,
    double validationFraction,
    int validationPairs,
    int protocolPairLimit) {

  /**
   * Mirror half the images, crop 80-100% of the area with a slight aspect change, rotate up to 8
   * degrees, vary brightness and contrast by up to 20%: variation a face photo really has, unlike
   * SimCLR's much stronger recipe.
   */
  public static final AugmentationConfig MILD_AUGMENTATION =
      new AugmentationConfig(0.8, 1.0, 0.9, 1.1, 8, 0.5, 0.2, 0.2, 0.1, 0.0);

  /** Settings that may change between a run and its resumption: they don't alter the steps. */
  private static final Set<String> RESUMABLE_CHANGES = Set.of("iterations", "epochs", "validateEvery");

  public TrainConfig {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(mining, "mining");
    Objects.requireNonNull(pairs, "pairs");
    if ((iterations > 0) == (epochs > 0) || iterations < 0 || epochs < 0) {
      throw new IllegalArgumentException(
          "give either iterations or epochs (one positive, the other 0), got iterations "
              + iterations + " and epochs " + epochs);
    }
    positive("batch", batch);
    positive("validateEvery", validateEvery);
    positive("validationPairs", validationPairs);
    if (imagesPerPerson < 2) {
      throw new IllegalArgumentException("imagesPerPerson must be at least 2, got " + imagesPerPerson);
    }
    // Fields are not assigned yet in a compact constructor: test the parameters, not usesPkBatches().
    boolean pk =
        (objective == Objective.TRIPLET && mining == Mining.BATCH_HARD)
            || (objective == Objective.CONTRASTIVE && pairs == PairSource.BATCH_ALL);
    if (pk && batch < 2 * imagesPerPerson) {
      throw new IllegalArgumentException(
          "a " + (objective == Objective.TRIPLET ? "batch-hard" : "batch-all")
              + " batch needs at least two people: batch " + batch + " < 2 x " + imagesPerPerson
              + " images per person");
    }
    if (objective == Objective.NT_XENT && batch < 2) {
      throw new IllegalArgumentException("NT-Xent needs a batch of at least 2 images, got " + batch);
    }
    if (!(margin > 0) || Float.isInfinite(margin)) {
      throw new IllegalArgumentException("margin must be > 0 and finite, got " + margin);
    }
    if (!(temperature > 0) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
    }
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be > 0 and finite, got " + learningRate);
    }
    if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be >= 0 and finite, got " + weightDecay);
    }
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validation fraction must be between 0 and 1, got " + validationFraction);
    }
    if (protocolPairLimit < 0 || protocolPairLimit % 2 != 0) {
      throw new IllegalArgumentException(
          "protocol pair limit must be 0 (all) or a positive even number, got " + protocolPairLimit);
    }
    if (pairs == PairSource.BATCH_ALL && objective != Objective.CONTRASTIVE) {
      throw new IllegalArgumentException("batch-all pairs are for the contrastive objective only");
    }
    if (objective == Objective.BCE && architecture != Architecture.CNN19) {
      throw new IllegalArgumentException("the bce pair classifier is defined on cnn19 only");
    }
  }

  /**
   * The seeds' settings for {@code objective}: triplet and contrastive on ResNet-18 for 10,000
   * iterations, NT-Xent for 300 epochs, bce on CNN19; Adam, batch 64, validation every 250 steps.
   *
   * <p>Triplets default to random mining. Measured on this project's 2-core CPU (Adam 3e-4,
   * margin 0.2, same wall time, ~240 steps): batch-hard P16 x K4 batches sat at a loss of about
   * the margin (the embeddings collapse towards one point, a known failure of batch-hard from
   * scratch) with held-out verification accuracy 0.59-0.67, while random triplets reached
   * 0.69-0.71. Batch-hard remains available with {@code --mining batch-hard}.
   */
  public static TrainConfig defaults(Objective objective) {
    return switch (objective) {
      case TRIPLET ->
          new TrainConfig(objective, Architecture.RESNET18, Mining.RANDOM, PairSource.SAMPLED,
              10_000, 0, 64, 4, false, 0.2f, 1f, 1e-4f, false, 1e-5f, 1, 250, 0.1, 600, 0);
      case NT_XENT ->
          new TrainConfig(objective, Architecture.RESNET18, Mining.RANDOM, PairSource.SAMPLED,
              0, 300, 64, 4, false, 1f, 0.5f, 3e-3f, false, 1e-5f, 1, 250, 0.1, 600, 0);
      case CONTRASTIVE ->
          new TrainConfig(objective, Architecture.RESNET18, Mining.RANDOM, PairSource.SAMPLED,
              10_000, 0, 64, 4, false, 1f, 1f, 1e-4f, false, 1e-5f, 1, 250, 0.1, 600, 0);
      case BCE ->
          new TrainConfig(objective, Architecture.CNN19, Mining.RANDOM, PairSource.MIXED,
              10_000, 0, 64, 4, false, 1f, 1f, 1e-4f, false, 1e-5f, 1, 250, 0.1, 600, 0);
    };
  }

  /** Batches made of P people x K images (batch-hard triplets, batch-all contrastive). */
  public boolean usesPkBatches() {
    return (objective == Objective.TRIPLET && mining == Mining.BATCH_HARD)
        || (objective == Objective.CONTRASTIVE && pairs == PairSource.BATCH_ALL);
  }

  /**
   * The settings by name, as a model bundle and a checkpoint record them; only those that matter
   * for this objective.
   */
  public Map<String, Object> hyperparameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("objective", objective.id());
    h.put("architecture", architecture.id());
    switch (objective) {
      case TRIPLET -> {
        h.put("mining", mining.id());
        h.put("margin", margin);
        h.put("temperature", temperature);
      }
      case NT_XENT -> h.put("temperature", temperature);
      case CONTRASTIVE -> {
        h.put("pairs", pairs.id());
        h.put("margin", margin);
      }
      case BCE -> h.put("pairs", pairs.id());
    }
    if (usesPkBatches()) {
      h.put("imagesPerPerson", imagesPerPerson);
    }
    if (objective != Objective.NT_XENT) {
      h.put("augmentation", augment ? "mild" : "none");
    }
    h.put("iterations", iterations);
    h.put("epochs", epochs);
    h.put("batch", batch);
    h.put("optimizer", "adam");
    h.put("learningRate", learningRate);
    h.put("learningRateSchedule", cosineDecay ? "cosine" : "constant");
    h.put("weightDecay", weightDecay);
    h.put("seed", seed);
    h.put("validateEvery", validateEvery);
    h.put("validationFraction", validationFraction);
    h.put("validationPairs", validationPairs);
    h.put("protocolPairLimit", protocolPairLimit);
    return h;
  }

  /** Names of recorded settings that differ from these and would change the steps themselves. */
  public Set<String> incompatibleWith(Map<String, Object> recorded) {
    Map<String, Object> mine = normalised(hyperparameters());
    Map<String, Object> theirs = normalised(recorded);
    Set<String> keys = new java.util.TreeSet<>(mine.keySet());
    keys.addAll(theirs.keySet());
    if (!cosineDecay) {
      // A cosine schedule spans the whole run, so its length may not change on resuming.
      keys.removeAll(RESUMABLE_CHANGES);
    } else {
      keys.remove("validateEvery");
    }
    keys.removeIf(k -> Objects.equals(mine.get(k), theirs.get(k)));
    return keys;
  }

  /** Numbers as JSON reads them back (whole numbers as Long, decimals as Double). */
  private static Map<String, Object> normalised(Map<String, Object> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach(
        (k, v) ->
            out.put(
                k,
                switch (v) {
                  case Integer i -> (long) i;
                  case Float f -> Double.parseDouble(Float.toString(f));
                  default -> v;
                }));
    return out;
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
