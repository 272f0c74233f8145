package org.facesearch.trainer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.facesearch.data.sample.AugmentationConfig;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.trainer.objective.TrainingObjective;

/**
 * Everything that decides what a training run computes: the settings every objective has (schedule,
 * optimiser, seed, validation) plus the {@link Setting}s its {@link TrainingObjective} declares.
 * Immutable and checked when built: exactly one of {@code iterations} and {@code epochs} is
 * positive (an epoch is as many steps as it takes to show every training image once), and the
 * objective's own checks pass. Build one with {@link #builder}.
 */
public final class TrainConfig {
  /**
   * Mirror half the images, crop 80-100% of the area with a slight aspect change, rotate up to 8
   * degrees, vary brightness and contrast by up to 20%: variation a face photo really has, unlike
   * SimCLR's much stronger recipe.
   */
  public static final AugmentationConfig MILD_AUGMENTATION =
      new AugmentationConfig(0.8, 1.0, 0.9, 1.1, 8, 0.5, 0.2, 0.2, 0.1, 0.0);

  /** The hyperparameter recording {@link #people}, which evaluation reads to tell seen people. */
  public static final String PEOPLE_SOURCE = "trainingPeopleSource";

  /** The hyperparameter recording {@link #alignment}. */
  public static final String ALIGNMENT = "alignment";

  /** The recorded name of {@link #initialWeights()} (absent for a run from random weights). */
  public static final String INITIAL_WEIGHTS = "initialWeights";

  /** Settings that may change between a run and its resumption: they don't alter the steps. */
  private static final Set<String> RESUMABLE_CHANGES =
      Set.of("iterations", "epochs", "validateEvery");

  private final TrainingObjective objective;
  private final Architecture architecture;
  private final TrainingPeople people;
  private final long iterations;
  private final int epochs;
  private final int batch;
  private final boolean augment;
  private final InputAlignment alignment;
  private final float learningRate;
  private final boolean cosineDecay;
  private final float weightDecay;
  private final boolean decoupledWeightDecay;
  private final long seed;
  private final int validateEvery;
  private final double validationFraction;
  private final int validationPairs;
  private final int protocolPairLimit;
  private final Optional<String> initialWeights;
  private final boolean reviveDeadBranches;
  private final Map<Setting<?>, Object> settings;

  private TrainConfig(Builder b) {
    this.objective = Objects.requireNonNull(b.objective, "objective");
    this.architecture = Objects.requireNonNull(b.architecture, "architecture");
    this.people = Objects.requireNonNull(b.people, "people");
    this.iterations = b.iterations;
    this.epochs = b.epochs;
    this.batch = b.batch;
    this.augment = b.augment;
    this.alignment = Objects.requireNonNull(b.alignment, "alignment");
    this.learningRate = b.learningRate;
    this.cosineDecay = b.cosineDecay;
    this.weightDecay = b.weightDecay;
    this.decoupledWeightDecay = b.decoupledWeightDecay;
    this.seed = b.seed;
    this.validateEvery = b.validateEvery;
    this.validationFraction = b.validationFraction;
    this.validationPairs = b.validationPairs;
    this.protocolPairLimit = b.protocolPairLimit;
    this.initialWeights = Objects.requireNonNull(b.initialWeights, "initialWeights");
    this.reviveDeadBranches = b.reviveDeadBranches;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
    if ((iterations > 0) == (epochs > 0) || iterations < 0 || epochs < 0) {
      throw new IllegalArgumentException(
          "give either iterations or epochs (one positive, the other 0), got iterations "
              + iterations
              + " and epochs "
              + epochs);
    }
    positive("batch", batch);
    positive("validateEvery", validateEvery);
    positive("validationPairs", validationPairs);
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be > 0 and finite, got " + learningRate);
    }
    if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
      throw new IllegalArgumentException(
          "weight decay must be >= 0 and finite, got " + weightDecay);
    }
    if (reviveDeadBranches && initialWeights.isEmpty()) {
      throw new IllegalArgumentException(
          "reviving dead residual branches needs initial weights to revive; random ones have none");
    }
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validation fraction must be between 0 and 1, got " + validationFraction);
    }
    if (protocolPairLimit < 0 || protocolPairLimit % 2 != 0) {
      throw new IllegalArgumentException(
          "protocol pair limit must be 0 (all) or a positive even number, got "
              + protocolPairLimit);
    }
    objective.check(this);
  }

  /**
   * A builder holding the seeds' common settings (Adam lr 1e-4, weight decay 1e-5, batch 64, seed
   * 1, validation every 250 steps on 600 pairs of 10% held-out people, ResNet-18) overlaid with
   * {@code objective}'s own defaults.
   */
  public static Builder builder(TrainingObjective objective) {
    Builder b = new Builder(objective);
    objective.applyDefaults(b);
    return b;
  }

  /** {@code builder(objective).build()}: the objective's defaults as they are. */
  public static TrainConfig defaults(TrainingObjective objective) {
    return builder(objective).build();
  }

  /** A builder starting from this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder(objective);
    b.architecture = architecture;
    b.people = people;
    b.iterations = iterations;
    b.epochs = epochs;
    b.batch = batch;
    b.augment = augment;
    b.alignment = alignment;
    b.learningRate = learningRate;
    b.cosineDecay = cosineDecay;
    b.weightDecay = weightDecay;
    b.decoupledWeightDecay = decoupledWeightDecay;
    b.seed = seed;
    b.validateEvery = validateEvery;
    b.validationFraction = validationFraction;
    b.validationPairs = validationPairs;
    b.protocolPairLimit = protocolPairLimit;
    b.initialWeights = initialWeights;
    b.reviveDeadBranches = reviveDeadBranches;
    b.settings.putAll(settings);
    return b;
  }

  /** The loss, head, batches and their checks. */
  public TrainingObjective objective() {
    return objective;
  }

  /** The backbone. */
  public Architecture architecture() {
    return architecture;
  }

  /** Which photos it trains on (and so which test set stays unseen). */
  public TrainingPeople people() {
    return people;
  }

  /** Optimiser steps, or 0 when {@link #epochs} is given. */
  public long iterations() {
    return iterations;
  }

  /** Passes over the training images, or 0 when {@link #iterations} is given. */
  public int epochs() {
    return epochs;
  }

  /** Triplets, images or pairs per step, as the objective counts them. */
  public int batch() {
    return batch;
  }

  /** Whether training images are mildly distorted ({@link #MILD_AUGMENTATION}). */
  public boolean augment() {
    return augment;
  }

  /**
   * What the training faces (and later every face the model embeds) are aligned onto before the
   * crop: {@link InputAlignment#NONE} keeps LFW's framing.
   */
  public InputAlignment alignment() {
    return alignment;
  }

  /**
   * The model id of the bundle whose weights the run started from; empty for random weights.
   * Recorded so that a bundle says it continued another model's training.
   */
  public Optional<String> initialWeights() {
    return initialWeights;
  }

  public float learningRate() {
    return learningRate;
  }

  /** Whether the learning rate decays along a cosine to 0 over the run (else it is constant). */
  public boolean cosineDecay() {
    return cosineDecay;
  }

  /** L2 penalty added to the gradients. */
  public float weightDecay() {
    return weightDecay;
  }

  /**
   * AdamW's decay (the weights shrink by learning rate x decay each step, apart from the gradient)
   * rather than Adam's L2 term added to the gradient. Adam divides that L2 term by the gradient's
   * own running scale, so a layer whose loss gradient is small decays fast: the shipped students,
   * trained with Adam and 5e-4, came out with every weight of their last six 3x3 convolutions below
   * 1e-37.
   */
  public boolean decoupledWeightDecay() {
    return decoupledWeightDecay;
  }

  /**
   * Whether the initial weights' dead residual branches are re-initialised before the first step
   * ({@code FaceNetwork.reviveDeadChannels}); recorded only when asked for.
   */
  public boolean reviveDeadBranches() {
    return reviveDeadBranches;
  }

  /** Fixes initial weights, the validation split and every batch. */
  public long seed() {
    return seed;
  }

  /** Steps between validations (also the checkpoint interval). */
  public int validateEvery() {
    return validateEvery;
  }

  /** Share of the training people held out for validation. */
  public double validationFraction() {
    return validationFraction;
  }

  /** Same/different pairs of held-out people scored at each validation. */
  public int validationPairs() {
    return validationPairs;
  }

  /**
   * Only this many pairs of each protocol file (half matched, half mismatched) for the final
   * metrics, 0 for all: for quick smoke runs.
   */
  public int protocolPairLimit() {
    return protocolPairLimit;
  }

  /**
   * The value of an objective setting.
   *
   * @throws IllegalStateException if this config's objective has no such setting
   */
  public <T> T get(Setting<T> setting) {
    return find(setting)
        .orElseThrow(
            () -> new IllegalStateException(objective.id() + " has no setting " + setting.name()));
  }

  /** The value of an objective setting, empty when the objective has none. */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> find(Setting<T> setting) {
    return Optional.ofNullable((T) settings.get(setting));
  }

  // Shorthands for the settings the older objectives share.

  public float margin() {
    return get(Settings.MARGIN);
  }

  public float temperature() {
    return get(Settings.TEMPERATURE);
  }

  public Mining mining() {
    return get(Settings.MINING);
  }

  public PairSource pairs() {
    return get(Settings.PAIRS);
  }

  public int imagesPerPerson() {
    return get(Settings.IMAGES_PER_PERSON);
  }

  /**
   * The settings by name, as a model bundle and a checkpoint record them: the objective, the
   * backbone, the objective's own settings, then the schedule, optimiser and validation.
   */
  public Map<String, Object> hyperparameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("objective", objective.id());
    h.put("architecture", architecture.id());
    h.put(PEOPLE_SOURCE, people.recorded());
    settings.forEach((s, v) -> h.put(s.name(), s.recorded(v)));
    h.put("augmentation", augment ? "mild" : "none");
    h.put(ALIGNMENT, alignment.id());
    initialWeights.ifPresent(id -> h.put(INITIAL_WEIGHTS, id));
    if (reviveDeadBranches) {
      h.put("reviveDeadBranches", true);
    }
    objective.describe(this, h);
    h.put("iterations", iterations);
    h.put("epochs", epochs);
    h.put("batch", batch);
    h.put("optimizer", decoupledWeightDecay ? "adamw" : "adam");
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
    // Checkpoints from before the choice existed all trained on peopleDevTrain.
    theirs.putIfAbsent(PEOPLE_SOURCE, TrainingPeople.DEV_TRAIN.recorded());
    // ... and on LFW's framing.
    theirs.putIfAbsent(ALIGNMENT, InputAlignment.NONE.id());
    // ... and without the objective's settings added since, at what they did then.
    for (Setting<?> setting : objective.settings()) {
      Object absent = setting.recordedWhenAbsent();
      if (absent != null) {
        theirs.putIfAbsent(
            setting.name(), normalised(Map.of(setting.name(), absent)).get(setting.name()));
      }
    }
    Set<String> keys = new TreeSet<>(mine.keySet());
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

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainConfig other && hyperparameters().equals(other.hyperparameters());
  }

  @Override
  public int hashCode() {
    return hyperparameters().hashCode();
  }

  @Override
  public String toString() {
    return "TrainConfig" + hyperparameters();
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

  /**
   * Collects settings; {@link #build} checks them all together. Objective settings the objective
   * does not declare are refused at once, naming the objective.
   */
  public static final class Builder {
    private final TrainingObjective objective;
    private Architecture architecture = Architecture.RESNET18;
    private TrainingPeople people = TrainingPeople.DEV_TRAIN;
    private long iterations = 10_000;
    private int epochs = 0;
    private int batch = 64;
    private boolean augment = false;
    private InputAlignment alignment = InputAlignment.NONE;
    private float learningRate = 1e-4f;
    private boolean cosineDecay = false;
    private float weightDecay = 1e-5f;
    private boolean decoupledWeightDecay = false;
    private long seed = 1;
    private int validateEvery = 250;
    private double validationFraction = 0.1;
    private int validationPairs = 600;
    private int protocolPairLimit = 0;
    private Optional<String> initialWeights = Optional.empty();
    private boolean reviveDeadBranches = false;
    private final Map<Setting<?>, Object> settings = new LinkedHashMap<>();

    private Builder(TrainingObjective objective) {
      this.objective = Objects.requireNonNull(objective, "objective");
    }

    public TrainingObjective objective() {
      return objective;
    }

    public Builder architecture(Architecture value) {
      this.architecture = value;
      return this;
    }

    public Builder people(TrainingPeople value) {
      this.people = value;
      return this;
    }

    /** A run of {@code value} optimiser steps (and so no epoch count). */
    public Builder iterations(long value) {
      this.iterations = value;
      this.epochs = 0;
      return this;
    }

    /** A run of {@code value} passes over the training images (and so no step count). */
    public Builder epochs(int value) {
      this.epochs = value;
      this.iterations = 0;
      return this;
    }

    /** Both lengths as given, for callers that check "exactly one of them" themselves. */
    public Builder schedule(long iterations, int epochs) {
      this.iterations = iterations;
      this.epochs = epochs;
      return this;
    }

    public Builder batch(int value) {
      this.batch = value;
      return this;
    }

    public Builder alignment(InputAlignment value) {
      this.alignment = value;
      return this;
    }

    /** Starts from the weights of the bundle with this model id (the run plan supplies them). */
    public Builder initialWeights(String modelId) {
      this.initialWeights = Optional.of(modelId);
      return this;
    }

    /** Re-initialises the initial weights' dead residual branches before the first step. */
    public Builder reviveDeadBranches(boolean value) {
      this.reviveDeadBranches = value;
      return this;
    }

    public Builder augment(boolean value) {
      this.augment = value;
      return this;
    }

    public Builder learningRate(float value) {
      this.learningRate = value;
      return this;
    }

    public Builder cosineDecay(boolean value) {
      this.cosineDecay = value;
      return this;
    }

    public Builder weightDecay(float value) {
      this.weightDecay = value;
      return this;
    }

    /** AdamW's decoupled decay (true) or Adam's L2 term in the gradient (false, the default). */
    public Builder decoupledWeightDecay(boolean value) {
      this.decoupledWeightDecay = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder validateEvery(int value) {
      this.validateEvery = value;
      return this;
    }

    public Builder validationFraction(double value) {
      this.validationFraction = value;
      return this;
    }

    public Builder validationPairs(int value) {
      this.validationPairs = value;
      return this;
    }

    public Builder protocolPairLimit(int value) {
      this.protocolPairLimit = value;
      return this;
    }

    /**
     * Sets one of the objective's settings.
     *
     * @throws IllegalArgumentException if the objective does not have it, or the value is out of
     *     range
     */
    public <T> Builder set(Setting<T> setting, T value) {
      if (!objective.settings().contains(setting)) {
        throw new IllegalArgumentException(
            "the " + objective.id() + " objective has no " + setting.name() + " setting");
      }
      settings.put(setting, setting.checked(value));
      return this;
    }

    /**
     * Sets {@code setting} when {@code value} is not null (an option left unset keeps the default).
     */
    public <T> Builder setIfGiven(Setting<T> setting, T value) {
      return value == null ? this : set(setting, value);
    }

    public TrainConfig build() {
      for (Setting<?> s : objective.settings()) {
        if (!settings.containsKey(s)) {
          throw new IllegalArgumentException(objective.id() + " needs a value for " + s.name());
        }
      }
      return new TrainConfig(this);
    }
  }
}
