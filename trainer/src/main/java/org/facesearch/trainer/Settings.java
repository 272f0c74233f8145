package org.facesearch.trainer;

/** The settings several objectives share; those of one objective only are declared in its class. */
public final class Settings {
  private Settings() {}

  /** Triplet, contrastive or margin-softmax margin. */
  public static final Setting<Float> MARGIN = Setting.positive("margin", "margin");

  /** Triplet or NT-Xent temperature. */
  public static final Setting<Float> TEMPERATURE = Setting.positive("temperature", "temperature");

  /** How triplets are formed. */
  public static final Setting<Mining> MINING = Setting.choice("mining", Mining.class, Mining::id);

  /** Where the pair objectives' pairs come from. */
  public static final Setting<PairSource> PAIRS =
      Setting.choice("pairs", PairSource.class, PairSource::id);

  /** K of the P x K batches. */
  public static final Setting<Integer> IMAGES_PER_PERSON = Setting.atLeast("imagesPerPerson", 2);
}
