package org.facesearch.trainer.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.distill.TeacherTargets;

/**
 * What an objective's trainer gets from the loop.
 *
 * @param manager holds the network's parameters; training-only parameters go here too
 * @param teacher the teacher's vectors for the training and validation images, for objectives that
 *     {@link TrainingObjective#needsTeacher() need one}
 * @param restored values of the trainer's {@link ObjectiveTrainer#trainingParameters() training
 *     parameters} from the checkpoint a run resumes, by name; empty for a fresh run
 */
public record TrainingSetup(
    TrainConfig config,
    TrainingData data,
    ModelSpec spec,
    FaceNetwork network,
    NDManager manager,
    Optional<TeacherTargets> teacher,
    Map<String, NDArray> restored) {

  public TrainingSetup {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(teacher, "teacher");
    restored = Map.copyOf(restored);
  }
}
