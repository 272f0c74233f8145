package org.facesearch.trainer.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.facesearch.data.FileTrees;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.trainer.BestValidation;
import org.facesearch.trainer.step.Adam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run folder's checkpoints: {@code checkpoint-<step>/} folders holding {@value #WEIGHTS}, {@value
 * #OPTIMIZER} and {@value #STATE}, and {@value #TRAINING_PARAMETERS} for an objective with
 * parameters of its own (which the model bundle leaves out). Each is written into a temporary
 * folder and renamed into place, so a run killed at any moment leaves its previous checkpoint
 * intact; the newest {@value #KEEP} are kept, and the one of the best validation so far ({@link
 * #best}, by the objective's {@link BestValidation}), so that a run which overfits later can still
 * give its best weights.
 */
public final class CheckpointStore {
  static final String WEIGHTS = "weights.params";
  static final String OPTIMIZER = "optimizer.bin";
  static final String STATE = "checkpoint.json";
  static final String TRAINING_PARAMETERS = "training-parameters.bin";
  private static final int KEEP = 2;
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{9})");

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .build();

  private final Path runDir;
  private final BestValidation ranking;

  /** A run folder whose best validation is the most accurate one. */
  public CheckpointStore(Path runDir) {
    this(runDir, BestValidation.ACCURACY);
  }

  /** A run folder whose checkpoints {@code ranking} ranks. */
  public CheckpointStore(Path runDir, BestValidation ranking) {
    this.runDir = runDir.toAbsolutePath().normalize();
    this.ranking = Objects.requireNonNull(ranking, "ranking");
  }

  /** How this run's validations are ranked. */
  public BestValidation ranking() {
    return ranking;
  }

  record State(
      long step,
      double elapsedSeconds,
      Map<String, Object> hyperparameters,
      List<CurvePoint> history) {}

  /** Saves the network, the optimiser and the run state after {@code step} steps. */
  public Checkpoint save(
      long step,
      double elapsedSeconds,
      Map<String, Object> hyperparameters,
      List<CurvePoint> history,
      FaceNetwork network,
      Adam adam)
      throws IOException {
    return save(step, elapsedSeconds, hyperparameters, history, network, Map.of(), adam);
  }

  /**
   * Saves also the objective's training parameters ({@code ObjectiveTrainer#trainingParameters}).
   */
  public Checkpoint save(
      long step,
      double elapsedSeconds,
      Map<String, Object> hyperparameters,
      List<CurvePoint> history,
      FaceNetwork network,
      Map<String, Parameter> trainingParameters,
      Adam adam)
      throws IOException {
    Files.createDirectories(runDir);
    Path target = directory(step);
    Path temp = Files.createTempDirectory(runDir, ".checkpoint.tmp-");
    try {
      try (DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(Files.newOutputStream(temp.resolve(WEIGHTS))))) {
        network.saveParameters(out);
      }
      try (DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(Files.newOutputStream(temp.resolve(OPTIMIZER))))) {
        adam.save(out);
      }
      if (!trainingParameters.isEmpty()) {
        try (DataOutputStream out =
            new DataOutputStream(
                new BufferedOutputStream(
                    Files.newOutputStream(temp.resolve(TRAINING_PARAMETERS))))) {
          out.writeInt(trainingParameters.size());
          for (Map.Entry<String, Parameter> e :
              new java.util.TreeMap<>(trainingParameters).entrySet()) {
            byte[] encoded = e.getValue().getArray().encode();
            out.writeUTF(e.getKey());
            out.writeInt(encoded.length);
            out.write(encoded);
          }
        }
      }
      Files.write(
          temp.resolve(STATE),
          JSON.writeValueAsBytes(new State(step, elapsedSeconds, hyperparameters, history)));
      if (Files.exists(target)) {
        deleteTree(target); // a re-run of the same step after a resume
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteTree(temp);
      throw e;
    }
    List<Path> all = checkpointDirs();
    Optional<Path> keepBest = best(history, ranking).map(p -> directory(p.step()));
    for (int i = 0; i < all.size() - KEEP; i++) {
      if (keepBest.isEmpty() || !all.get(i).equals(keepBest.get())) {
        deleteTree(all.get(i));
      }
    }
    return new Checkpoint(target, step, elapsedSeconds, hyperparameters, history);
  }

  /**
   * The best validation by {@code ranking}; of equals, the later one (it trained longer on the same
   * evidence). Every validation is followed by a checkpoint of its step.
   */
  public static Optional<CurvePoint> best(List<CurvePoint> history, BestValidation ranking) {
    CurvePoint best = null;
    for (CurvePoint p : history) {
      if (best == null || atLeastAsGood(p, best, ranking)) {
        best = p;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean atLeastAsGood(CurvePoint p, CurvePoint best, BestValidation ranking) {
    return switch (ranking) {
      case ACCURACY -> p.validationAccuracy() >= best.validationAccuracy();
      // A loss that is not a number (a diverged validation) never beats a measured one.
      case LOSS ->
          !Double.isNaN(p.validationLoss())
              && (Double.isNaN(best.validationLoss())
                  || p.validationLoss() <= best.validationLoss());
    };
  }

  /**
   * Loads the weights saved at {@code step} into {@code network} (not the optimiser: the run is
   * over when a bundle wants an earlier step's weights).
   *
   * @throws IllegalStateException when the run folder has no checkpoint of that step
   */
  public void restoreWeights(long step, FaceNetwork network, NDManager manager) {
    Path weights = directory(step).resolve(WEIGHTS);
    if (!Files.isRegularFile(weights)) {
      throw new IllegalStateException(
          "the run folder "
              + runDir
              + " has no checkpoint of step "
              + step
              + " to take weights from");
    }
    loadWeights(weights, network, manager);
  }

  private static void loadWeights(Path weights, FaceNetwork network, NDManager manager) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
      NetworkParameters.replace(network, manager, in, "checkpoint weights " + weights);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot load checkpoint weights " + weights + ": " + e.getMessage(), e);
    }
  }

  /** Whether the run folder still holds the checkpoint of {@code step}. */
  public boolean has(long step) {
    return Files.isRegularFile(directory(step).resolve(WEIGHTS));
  }

  private Path directory(long step) {
    return runDir.resolve(String.format("checkpoint-%09d", step));
  }

  /** The newest checkpoint, if the run folder has one. */
  public Optional<Checkpoint> latest() {
    List<Path> all = checkpointDirs();
    if (all.isEmpty()) {
      return Optional.empty();
    }
    Path dir = all.getLast();
    Path state = dir.resolve(STATE);
    try {
      State s = JSON.readValue(Files.readAllBytes(state), State.class);
      return Optional.of(
          new Checkpoint(
              dir,
              s.step(),
              s.elapsedSeconds(),
              new LinkedHashMap<>(s.hyperparameters()),
              s.history()));
    } catch (JacksonException e) {
      throw new IllegalStateException(
          "checkpoint state " + state + " is not valid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read checkpoint state " + state + ": " + e.getMessage(), e);
    }
  }

  /** Loads a checkpoint's weights into {@code network} and its moments into {@code adam}. */
  public void restore(Checkpoint checkpoint, FaceNetwork network, Adam adam, NDManager manager) {
    loadWeights(checkpoint.directory().resolve(WEIGHTS), network, manager);
    Path optimizer = checkpoint.directory().resolve(OPTIMIZER);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(optimizer)))) {
      adam.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot load optimizer state " + optimizer + ": " + e.getMessage(), e);
    }
  }

  /** The objective's training parameters saved with a checkpoint, by name (empty if none). */
  public Map<String, NDArray> trainingParameters(Checkpoint checkpoint, NDManager manager) {
    Path file = checkpoint.directory().resolve(TRAINING_PARAMETERS);
    if (!Files.exists(file)) {
      return Map.of();
    }
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      int count = in.readInt();
      if (count < 0 || count > 1000) {
        throw new IOException("it claims " + count + " parameters");
      }
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int length = in.readInt();
        if (length < 0) {
          throw new IOException("parameter " + name + " has a negative length");
        }
        out.put(name, NDArray.decode(manager, in.readNBytes(length)));
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot load checkpoint training parameters " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private List<Path> checkpointDirs() {
    if (!Files.isDirectory(runDir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(runDir)) {
      List<Path> dirs = new ArrayList<>();
      children.forEach(
          p -> {
            Matcher m = NAME.matcher(p.getFileName().toString());
            if (m.matches() && Files.isRegularFile(p.resolve(STATE))) {
              dirs.add(p);
            }
          });
      dirs.sort(Comparator.comparing(p -> p.getFileName().toString()));
      return dirs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list run folder " + runDir + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    FileTrees.deleteTree(root);
  }
}
