package org.facesearch.trainer.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.EngineOptions;

/**
 * Where and how a run happens (as opposed to what it computes, the {@code TrainConfig}).
 *
 * @param lfw the LFW folder
 * @param cacheDir the crop cache folder
 * @param people train on these people of peopleDevTrain.txt only; empty: all of them
 * @param runDir checkpoints, curves and the log go here
 * @param out the model bundle folder to create (must not exist)
 * @param resume continue from {@code runDir}'s newest checkpoint
 * @param engine which libtorch and device
 * @param timeLimit stop training once this much wall time (including time before a resume) has
 *     passed, and finish as if the schedule had ended there: evaluate and write the bundle, which
 *     records the steps actually taken; empty for no limit
 * @param codeVersion recorded in the bundle
 * @param log progress lines (validations, the summary); the progress bar goes to stderr
 * @param teacher the model a distillation run learns from (the caller opens and closes it); empty
 *     for every other objective
 * @param assets where a run that aligns its faces gets the detector and landmark files (fetched on
 *     first use); empty: such a run is refused
 * @param initialWeights a model bundle whose weights a fresh run starts from instead of random ones
 *     (same objective and weights layout; the input size may differ); ignored when resuming, since
 *     the checkpoint holds the weights
 * @param bestWeights the bundle takes the weights of the validation with the best accuracy on
 *     held-out people (its checkpoint is never pruned) instead of the last step's: for long runs
 *     that overfit their training identities as the learning rate anneals
 */
public record RunPlan(
    Path lfw,
    Path cacheDir,
    Optional<List<String>> people,
    Path runDir,
    Path out,
    boolean resume,
    EngineOptions engine,
    Optional<Duration> timeLimit,
    String codeVersion,
    PrintStream log,
    Optional<Embedder> teacher,
    Optional<AssetStore> assets,
    Optional<ModelBundle> initialWeights,
    boolean bestWeights) {

  /** A plan without a teacher. */
  public RunPlan(
      Path lfw,
      Path cacheDir,
      Optional<List<String>> people,
      Path runDir,
      Path out,
      boolean resume,
      EngineOptions engine,
      Optional<Duration> timeLimit,
      String codeVersion,
      PrintStream log) {
    this(
        lfw,
        cacheDir,
        people,
        runDir,
        out,
        resume,
        engine,
        timeLimit,
        codeVersion,
        log,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false);
  }

  public RunPlan {
    Objects.requireNonNull(lfw, "lfw");
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(people, "people");
    Objects.requireNonNull(runDir, "runDir");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(timeLimit, "timeLimit");
    Objects.requireNonNull(codeVersion, "codeVersion");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(teacher, "teacher");
    Objects.requireNonNull(assets, "assets");
    Objects.requireNonNull(initialWeights, "initialWeights");
  }

  public RunPlan withRunDir(Path dir, Path bundle) {
    return copy(dir, bundle, teacher, assets, initialWeights, bestWeights);
  }

  public RunPlan withTeacher(Embedder model) {
    return copy(runDir, out, Optional.of(model), assets, initialWeights, bestWeights);
  }

  /** This plan taking alignment files from {@code store}. */
  public RunPlan withAssets(AssetStore store) {
    return copy(runDir, out, teacher, Optional.of(store), initialWeights, bestWeights);
  }

  /** This plan starting a fresh run from {@code bundle}'s weights. */
  public RunPlan withInitialWeights(ModelBundle bundle) {
    return copy(runDir, out, teacher, assets, Optional.of(bundle), bestWeights);
  }

  /** This plan writing the best validation's weights into the bundle, not the last step's. */
  public RunPlan withBestWeights() {
    return copy(runDir, out, teacher, assets, initialWeights, true);
  }

  /** The one place the withers spell out every component: those they change are parameters. */
  private RunPlan copy(
      Path runDir,
      Path out,
      Optional<Embedder> teacher,
      Optional<AssetStore> assets,
      Optional<ModelBundle> initialWeights,
      boolean bestWeights) {
    return new RunPlan(
        lfw,
        cacheDir,
        people,
        runDir,
        out,
        resume,
        engine,
        timeLimit,
        codeVersion,
        log,
        teacher,
        assets,
        initialWeights,
        bestWeights);
  }
}
