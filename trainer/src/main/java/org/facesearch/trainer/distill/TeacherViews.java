package org.facesearch.trainer.distill;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.sample.AugmentationConfig;
import org.facesearch.data.sample.Augmenter;
import org.facesearch.trainer.data.StepSeeds;

/**
 * Fixed augmented views of each face that the teacher and the student both see ("consistent
 * teaching": the target is the teacher's vector of the very image the student is shown, not of the
 * undistorted face).
 *
 * <p>Why: the student learns 8,652 faces, seen about 37 times each in a 5,000-step run, and ends
 * with a validation loss 40% above its training loss. Distorting only the student's input (the mild
 * augmentation) adds variety but teaches it to map a distorted face onto the undistorted face's
 * vector, which the teacher itself does not do (it moves by 1 - cos = 0.011 under the mild
 * distortion). Views whose teacher vectors are computed once give more faces with exact targets at
 * no cost per step.
 *
 * <p>View {@code k} of a face is fixed by the face's key and {@code k} alone, and drawn in
 * fractions of the crop, so the teacher's 150-pixel chip and the student's 96-pixel resize of the
 * same chip get the same distortion.
 */
public final class TeacherViews {
  /**
   * Stronger than the mild augmentation (the targets follow the distortion now), milder than
   * SimCLR's: the views stay faces the aligner could have produced.
   */
  static final AugmentationConfig VIEW_AUGMENTATION =
      new AugmentationConfig(0.7, 1.0, 0.85, 1.0 / 0.85, 10, 0.5, 0.3, 0.3, 0.2, 0.0);

  /** The most views a run may ask for (each costs one teacher pass over the training faces). */
  public static final int MAX_VIEWS = 32;

  private static final long VIEW_SEED = StepSeeds.of(0, -31);

  private static final Augmenter AUGMENTER = new Augmenter(VIEW_AUGMENTATION);

  private static final String RECIPE = recipe(VIEW_AUGMENTATION);

  private TeacherViews() {}

  /** View {@code k} (1-based; view 0 is the face as it is) of the face stored under {@code key}. */
  public static FaceCrop view(FaceCrop crop, String key, int k) {
    if (k < 1 || k > MAX_VIEWS) {
      throw new IllegalArgumentException("view " + k + " is not in 1.." + MAX_VIEWS);
    }
    return AUGMENTER.apply(crop, new SplittableRandom(StepSeeds.of(keySeed(key), k)));
  }

  /**
   * The id the teacher's vectors of view {@code k} are stored under: it names the augmentation, so
   * vectors of views drawn by another recipe are never mistaken for these.
   */
  public static String storedId(String teacherId, int k) {
    return teacherId + "@view" + RECIPE + "-" + k;
  }

  /** The augmentation's fingerprint, from its values (a record's hashCode is not specified). */
  private static String recipe(AugmentationConfig c) {
    double[] values = {
      c.minScale(), c.maxScale(), c.minRatio(), c.maxRatio(), c.maxRotationDegrees(),
      c.flipProbability(), c.brightness(), c.contrast(), c.saturation(), c.hue()
    };
    long seed = VIEW_SEED;
    for (double v : values) {
      seed = StepSeeds.of(seed, Double.doubleToLongBits(v));
    }
    return String.format("%016x", seed).substring(0, 8);
  }

  /** A stable seed from the key's bytes (String.hashCode would do, but 32 bits collide sooner). */
  private static long keySeed(String key) {
    long seed = VIEW_SEED;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      seed = StepSeeds.of(seed, b);
    }
    return seed;
  }
}
