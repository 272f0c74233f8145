package org.facesearch.trainer.run;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.TrainingSetting;
import org.facesearch.trainer.data.TrainingData;

/**
 * Starts a fresh run from a trained bundle's weights: a model continued with a new schedule, or on
 * a larger input (a ResNet-18's weights do not depend on the input size). Every parameter must be
 * there with its shape; a bundle of another objective or backbone is refused before training.
 */
final class InitialWeights {
  private InitialWeights() {}

  /**
   * Checks that the plan's bundle is the one {@code config} records and fits {@code spec}.
   *
   * @throws InvalidSettingException naming the setting to change
   */
  static void check(TrainConfig config, Optional<ModelBundle> bundle, ModelSpec spec) {
    if (bundle.isEmpty() && config.initialWeights().isEmpty()) {
      return;
    }
    if (bundle.isEmpty() || config.initialWeights().isEmpty()) {
      throw new IllegalArgumentException(
          "the run plan and the config disagree on the initial weights: plan "
              + bundle.map(ModelBundle::modelId).orElse("none")
              + ", config "
              + config.initialWeights().orElse("none"));
    }
    ModelBundle b = bundle.get();
    if (!b.modelId().equals(config.initialWeights().get())) {
      throw new IllegalArgumentException(
          "the config records initial weights "
              + config.initialWeights().get()
              + " but the plan holds "
              + b.modelId());
    }
    ModelSpec from = b.metadata().spec();
    if (from.objective() != spec.objective()) {
      throw new InvalidSettingException(
          "model "
              + b.modelId()
              + " was trained with the "
              + from.objective().id()
              + " objective, whose head differs from "
              + spec.objective().id()
              + "'s; change ",
          TrainingSetting.INITIAL_WEIGHTS);
    }
    if (from.architecture().weightsLayout() != spec.architecture().weightsLayout()) {
      throw new InvalidSettingException(
          "model "
              + b.modelId()
              + " is a "
              + from.architecture().id()
              + ", whose weights do not"
              + " fit a "
              + spec.architecture().id()
              + "; change ",
          TrainingSetting.INITIAL_WEIGHTS);
    }
  }

  /** What {@code model.json} records of {@link #validationPeopleSeen}. */
  static final String VALIDATION_PEOPLE_SEEN = "validationPeopleSeenByInitialWeights";

  /**
   * How many of a run's {@code validationPeople} the bundle's weights were trained on, when its
   * record says how its people were split (all of {@code devTrain}, with or without peopleDevTest's
   * untested people, its seed and validation share); empty when it cannot tell. A continued run
   * with another {@code --seed} draws other validation people, some of whom the weights have
   * learnt: its validation loss and accuracy, and the best weights chosen by them, are then not
   * measured on unseen people. (View 1 still is: the people of pairsDevTest are never trained on.)
   * Only the bundle's own run is known, not the runs its weights continued.
   */
  static OptionalInt validationPeopleSeen(
      ModelBundle bundle, List<String> devTrain, List<String> validationPeople) {
    return validationPeopleSeen(
        bundle.metadata().training().hyperparameters(), devTrain, validationPeople);
  }

  /** {@link #validationPeopleSeen(ModelBundle, List, List)} from the bundle's hyperparameters. */
  static OptionalInt validationPeopleSeen(
      Map<String, Object> recorded, List<String> devTrain, List<String> validationPeople) {
    Object source = recorded.get(TrainConfig.PEOPLE_SOURCE);
    boolean withUntested = TrainingPeople.DEV_TRAIN_AND_UNTESTED.recorded().equals(source);
    if (!(recorded.get("seed") instanceof Number seed)
        || !(recorded.get("validationFraction") instanceof Number fraction)
        || !(withUntested || TrainingPeople.DEV_TRAIN.recorded().equals(source))
        || !(recorded.get("trainingPeople") instanceof Number trained)
        || !(recorded.get("validationPeople") instanceof Number held)) {
      return OptionalInt.empty();
    }
    Set<String> theirs =
        new HashSet<>(
            TrainingData.trainPeopleOf(devTrain, fraction.doubleValue(), seed.longValue()));
    // Only a run over all of devTrain held out what its seed says (a run on a handful of people
    // drew from those); peopleDevTest's untested people, when it had them, were all trained on.
    boolean allOfDevTrain =
        held.longValue() == devTrain.size() - theirs.size()
            && (withUntested
                ? trained.longValue() > theirs.size()
                : trained.longValue() == theirs.size());
    if (!allOfDevTrain) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) validationPeople.stream().filter(theirs::contains).count());
  }

  /** Replaces {@code network}'s (initialised) parameters by the bundle's weights. */
  static void load(ModelBundle bundle, FaceNetwork network, NDManager manager) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (NDManager scratch = manager.newSubManager()) {
      FaceNetwork trained = bundle.loadNetwork(scratch);
      var source = trained.getParameters();
      for (Pair<String, Parameter> p : network.getParameters()) {
        Parameter from = source.get(p.getKey());
        Shape want = p.getValue().getArray().getShape();
        if (from == null || !from.getArray().getShape().equals(want)) {
          throw new InvalidSettingException(
              "model "
                  + bundle.modelId()
                  + " has no parameter "
                  + p.getKey()
                  + " of shape "
                  + want
                  + "; change ",
              TrainingSetting.INITIAL_WEIGHTS);
        }
      }
      // Through DJL's encoding, the one way a checkpoint's weights are restored too.
      trained.saveParameters(new DataOutputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NetworkParameters.replace(
        network,
        manager,
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
        "the weights of " + bundle.modelId());
  }
}
