package org.facesearch.trainer.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.data.setting.SettingMessage;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.reference.ReferenceModel;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.TrainingSetting;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.distill.TargetRecipe;
import org.facesearch.trainer.distill.TeacherTargets;
import org.facesearch.trainer.eval.Verification;
import org.facesearch.trainer.objective.DistillObjective;
import org.facesearch.trainer.objective.ObjectiveTrainer;
import org.facesearch.trainer.objective.TrainingObjective;
import org.facesearch.trainer.objective.TrainingSetup;
import org.facesearch.trainer.run.TrainingListener.RunSummary;
import org.facesearch.trainer.run.TrainingListener.StepReport;
import org.facesearch.trainer.run.TrainingListener.StopReason;
import org.facesearch.trainer.step.Adam;
import org.facesearch.trainer.step.TrainingStep;

/**
 * The training loop all objectives share: seeded initialisation, one sub-manager per step,
 * validation every {@code validateEvery} steps, resumption from the newest checkpoint, and a stop
 * on Ctrl-C or at the time limit. It publishes what happens to {@link TrainingListener}s: the
 * progress bar, the log, the curves, the checkpoints and the final bundle are listeners, in that
 * order, followed by any the caller adds.
 */
public final class TrainingRun {
  private final TrainConfig config;
  private final RunPlan plan;
  private final List<TrainingListener> extraListeners;

  private TrainingRun(TrainConfig config, RunPlan plan, List<TrainingListener> extraListeners) {
    this.config = config;
    this.plan = plan;
    this.extraListeners = List.copyOf(extraListeners);
  }

  /**
   * Trains as {@code config} says and writes the bundle to {@code plan.out()}.
   *
   * @throws IllegalArgumentException for a run folder or bundle folder that cannot be used as
   *     asked, or a missing teacher (checked before any training)
   */
  public static TrainingResult run(TrainConfig config, RunPlan plan) throws IOException {
    return run(config, plan, List.of());
  }

  /**
   * As {@link #run(TrainConfig, RunPlan)}, publishing the run's events to {@code listeners} too.
   */
  public static TrainingResult run(
      TrainConfig config, RunPlan plan, List<TrainingListener> listeners) throws IOException {
    return new TrainingRun(config, plan, listeners).run();
  }

  private TrainingResult run() throws IOException {
    Path out = plan.out().toAbsolutePath().normalize();
    if (Files.exists(out)) {
      throw new InvalidSettingException(
          "model bundle folder " + out + " already exists; change ",
          TrainingSetting.OUT,
          " or remove it");
    }
    TrainingObjective objectiveKind = config.objective();
    if (objectiveKind.needsTeacher() && plan.teacher().isEmpty()) {
      throw new InvalidSettingException(
          "the " + objectiveKind.id() + " objective needs ", TrainingSetting.TEACHER);
    }
    if (!objectiveKind.needsTeacher() && plan.teacher().isPresent()) {
      throw new InvalidSettingException(
          "only the distill objective takes a teacher; drop ", TrainingSetting.TEACHER);
    }
    CheckpointStore checkpoints =
        new CheckpointStore(plan.runDir(), config.objective().bestValidation());
    Optional<Checkpoint> checkpoint = checkpoints.latest();
    if (plan.resume() && checkpoint.isEmpty()) {
      throw new InvalidSettingException(
          TrainingSetting.RESUME,
          ": run folder " + plan.runDir() + " has no checkpoint to resume from");
    }
    if (!plan.resume() && checkpoint.isPresent()) {
      throw new InvalidSettingException(
          "run folder "
              + plan.runDir()
              + " already holds a checkpoint at step "
              + checkpoint.get().step()
              + "; pass ",
          TrainingSetting.RESUME,
          " to continue it, or change ",
          TrainingSetting.RUN_DIR);
    }
    if (checkpoint.isPresent()) {
      Set<String> changed = config.incompatibleWith(checkpoint.get().hyperparameters());
      if (!changed.isEmpty()) {
        throw new InvalidSettingException(
            TrainingSetting.RESUME,
            ": the checkpoint in "
                + plan.runDir()
                + " was trained with other settings for "
                + String.join(", ", changed)
                + "; resume with the same settings (recorded in "
                + checkpoint.get().directory().resolve(CheckpointStore.STATE)
                + ")");
      }
    }

    // The engine first: a device or precision it refuses leaves no run folder behind.
    TorchRuntime runtime = TorchRuntime.start(plan.engine());
    Files.createDirectories(plan.runDir());
    ModelSpec spec =
        ModelSpec.standard(
            objectiveKind.bundleObjective(), config.architecture(), config.alignment());
    InitialWeights.check(config, plan.initialWeights(), spec);
    plan.log()
        .printf(
            "facesearch train: %s on %s, device %s, %s steps%n",
            objectiveKind.id(),
            config.architecture().id(),
            runtime.deviceDescription(),
            RunContext.stepPrecision());
    LfwDataset dataset = LfwDataset.open(plan.lfw());
    CropCache cache = new CropCache(plan.cacheDir());
    try (OpenedAlignment aligner = openAlignment(config.alignment(), plan, runtime);
        TrainingData data =
            TrainingData.load(
                dataset,
                cache,
                spec.input().preprocessing(),
                aligner.alignment(),
                config.people(),
                plan.people(),
                config.validationFraction(),
                config.validationPairs(),
                config.protocolPairLimit(),
                config.seed());
        NDManager manager = runtime.newManager()) {
      plan.log()
          .printf(
              "data (%s): %d training people (%d images), %d validation people (%d images)%n",
              config.people().recorded(),
              data.trainPeople().size(),
              data.train().length,
              data.validationPeople().size(),
              data.validation().length);
      // Before the teacher's targets (half an hour): a wrong seed is then cheap to fix.
      Map<String, Object> initialWeightsNotes = initialWeightsNotes(dataset, data);
      Optional<TeacherTargets> teacher = Optional.empty();
      if (plan.teacher().isPresent()) {
        teacher =
            Optional.of(
                TeacherTargets.prepare(
                    plan.teacher().get(),
                    dataset,
                    cache,
                    data.crops(),
                    data.train(),
                    data.validation(),
                    spec.embeddingDim(),
                    new TargetRecipe(
                        config.get(DistillObjective.TEACHER_TARGETS),
                        config.get(DistillObjective.TEACHER_VIEWS)),
                    plan.log()));
      }
      runtime.engine().setRandomSeed((int) config.seed());
      FaceNetwork network = spec.newNetwork();
      network.initialize(manager, spec.input().channels());
      if (checkpoint.isEmpty() && plan.initialWeights().isPresent()) {
        InitialWeights.load(plan.initialWeights().get(), network, manager);
        plan.log()
            .printf("starting from the weights of %s%n", plan.initialWeights().get().modelId());
        if (config.reviveDeadBranches()) {
          plan.log()
              .println(network.reviveDeadChannels(manager).orElse("no dead channels to revive"));
        }
      }
      Map<String, NDArray> restored =
          checkpoint.isPresent()
              ? checkpoints.trainingParameters(checkpoint.get(), manager)
              : Map.of();
      ObjectiveTrainer objective =
          objectiveKind.trainer(
              new TrainingSetup(config, data, spec, network, manager, teacher, restored));
      long total =
          config.iterations() > 0
              ? config.iterations()
              : config.epochs() * objective.stepsPerEpoch();
      Adam adam =
          new Adam(
              config.learningRate(),
              config.cosineDecay() ? total : 0,
              config.weightDecay(),
              config.decoupledWeightDecay(),
              manager);
      List<CurvePoint> history = new ArrayList<>();
      long start = 0;
      double priorSeconds = 0;
      if (checkpoint.isPresent()) {
        checkpoints.restore(checkpoint.get(), network, adam, manager);
        start = checkpoint.get().step();
        priorSeconds = checkpoint.get().elapsedSeconds();
        history.addAll(checkpoint.get().history());
        plan.log().printf("resuming from step %d (%s)%n", start, checkpoint.get().directory());
      }
      if (start > total) {
        throw new InvalidSettingException(
            TrainingSetting.RESUME,
            ": the checkpoint is at step "
                + start
                + ", past the "
                + total
                + " steps asked for; ask for more iterations or epochs");
      }
      RunContext context =
          new RunContext(
              config,
              plan,
              spec,
              data,
              network,
              objective,
              adam,
              manager,
              history,
              total,
              start,
              priorSeconds,
              runtime.deviceDescription());
      BundleWriter bundle = new BundleWriter(checkpoints, initialWeightsNotes);
      List<TrainingListener> listeners =
          new ArrayList<>(
              List.of(
                  new ProgressBarListener(),
                  new ConsoleLog(),
                  new DeadChannelsListener(),
                  new CurvesListener(),
                  new CheckpointListener(checkpoints),
                  bundle));
      listeners.addAll(extraListeners);
      try {
        return new Loop(context, history, listeners, bundle).run();
      } finally {
        teacher.ifPresent(TeacherTargets::close);
      }
    }
  }

  /** The steps of one run, publishing to the listeners. */
  /**
   * The alignment the config asks for, its files from the plan's asset store; closed with the run.
   *
   * @throws IllegalArgumentException when the run aligns its faces but the plan has no asset store
   */
  /**
   * For a run from a bundle's weights: how many of its validation people those weights were trained
   * on, said in the log with the seed that avoids it, and recorded in the bundle.
   */
  private Map<String, Object> initialWeightsNotes(LfwDataset dataset, TrainingData data) {
    if (plan.initialWeights().isEmpty() || !config.people().holdsOutDevTrainPeople()) {
      return Map.of();
    }
    ModelBundle init = plan.initialWeights().get();
    List<String> devTrain =
        PeopleFile.read(dataset.protocolFile(TrainingData.TRAIN_PEOPLE)).names();
    OptionalInt seen = InitialWeights.validationPeopleSeen(init, devTrain, data.validationPeople());
    if (seen.isEmpty()) {
      return Map.of();
    }
    if (seen.getAsInt() > 0) {
      Object seed = init.metadata().training().hyperparameters().get("seed");
      plan.log()
          .printf(
              "warning: %s was trained on %d of this run's %d validation people, so validation"
                  + " here (and the best weights it picks) is not on unseen people; --seed %s"
                  + " holds out the people that run held out (View 1 is unaffected)%n",
              init.modelId(), seen.getAsInt(), data.validationPeople().size(), seed);
    }
    return Map.of(InitialWeights.VALIDATION_PEOPLE_SEEN, seen.getAsInt());
  }

  private static OpenedAlignment openAlignment(
      InputAlignment kind, RunPlan plan, TorchRuntime runtime) {
    if (kind == InputAlignment.NONE) {
      return new OpenedAlignment(Optional.empty());
    }
    AssetStore assets =
        plan.assets()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "aligning the training faces by "
                            + kind.id()
                            + " needs the workspace's model files; give the run an asset store"));
    return new OpenedAlignment(ReferenceModel.openInputAlignment(kind, assets, runtime));
  }

  /** An alignment (or none) as a resource of the run's try block. */
  private record OpenedAlignment(Optional<FaceAlignment> alignment) implements AutoCloseable {
    @Override
    public void close() {
      alignment.ifPresent(FaceAlignment::close);
    }
  }

  private static final class Loop {
    private final RunContext run;
    private final List<CurvePoint> history;
    private final List<TrainingListener> listeners;
    private final BundleWriter bundle;
    private final ParameterStore inference;

    Loop(
        RunContext run,
        List<CurvePoint> history,
        List<TrainingListener> listeners,
        BundleWriter bundle) {
      this.run = run;
      this.history = history;
      this.listeners = listeners;
      this.bundle = bundle;
      this.inference = new ParameterStore(run.manager(), false);
    }

    TrainingResult run() throws IOException {
      TrainConfig config = run.config();
      ObjectiveTrainer objective = run.objective();
      TrainingStep step =
          new TrainingStep(
              run.network(),
              objective.trainingParameters(),
              run.adam(),
              run.manager(),
              run.precision());
      long total = run.total();
      double priorSeconds = run.priorSeconds();
      long began = System.nanoTime();
      double lossSum = 0;
      long lossCount = 0;
      double smoothed = Double.NaN;
      long stepNanos = 0;
      long stepsTimed = 0;
      long done = run.startStep();
      boolean stoppedByTimeLimit = false;
      try (StopSignal stop = new StopSignal()) {
        for (TrainingListener l : listeners) {
          l.onTrainingBegin(run);
        }
        while (done < total) {
          long t0 = System.nanoTime();
          float loss;
          try (NDManager scope = run.manager().newSubManager()) {
            final long current = done;
            loss = step.run(store -> objective.trainingLoss(store, scope, current));
          }
          stepNanos += System.nanoTime() - t0;
          stepsTimed++;
          if (!Float.isFinite(loss)) {
            for (TrainingListener l : listeners) {
              l.onDivergence(run, done + 1, loss);
            }
            throw new TrainingDivergedException(
                SettingMessage.of(
                    "the training loss became " + loss + " at step " + (done + 1) + "; lower ",
                    TrainingSetting.LEARNING_RATE,
                    " (the last good checkpoint is kept in " + run.plan().runDir() + ")"));
          }
          done++;
          lossSum += loss;
          lossCount++;
          smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
          double imagesPerSecond = objective.imagesPerStep() * stepsTimed / (stepNanos / 1e9);
          double seconds = priorSeconds + (System.nanoTime() - began) / 1e9;
          StepReport report = new StepReport(done, loss, smoothed, imagesPerSecond, seconds);
          for (TrainingListener l : listeners) {
            l.onStep(run, report);
          }
          if (done % config.validateEvery() == 0 || done == total) {
            validate(done, lossSum / lossCount, seconds);
            lossSum = 0;
            lossCount = 0;
            checkpoint(done, seconds);
          }
          if (run.plan().timeLimit().isPresent()
              && seconds >= run.plan().timeLimit().get().toSeconds()
              && done < total) {
            if (done % config.validateEvery() != 0) {
              validate(done, lossSum / lossCount, seconds);
              checkpoint(done, seconds);
            }
            for (TrainingListener l : listeners) {
              l.onStopped(run, done, seconds, StopReason.TIME_LIMIT);
            }
            stoppedByTimeLimit = true;
            break;
          }
          if (stop.requested()) {
            if (done % config.validateEvery() != 0 && done != total) {
              checkpoint(done, seconds);
            }
            for (TrainingListener l : listeners) {
              l.onStopped(run, done, seconds, StopReason.INTERRUPTED);
            }
            return new TrainingResult(
                Optional.empty(), Optional.empty(), done, seconds, Map.of(), List.copyOf(history));
          }
        }
      } finally {
        for (TrainingListener l : listeners) {
          l.onStepsEnd(run);
        }
      }
      double seconds = priorSeconds + (System.nanoTime() - began) / 1e9;
      // A finished run resumed only to bundle it again (say with --best-weights) times no step;
      // its speed is then the whole run's average, validations included, rather than nothing.
      double imagesPerSecond =
          stepsTimed > 0
              ? objective.imagesPerStep() * stepsTimed / (stepNanos / 1e9)
              : seconds > 0 ? objective.imagesPerStep() * done / seconds : 0;
      RunSummary summary = new RunSummary(done, seconds, imagesPerSecond, stoppedByTimeLimit);
      for (TrainingListener l : listeners) {
        l.onTrainingEnd(run, summary);
      }
      return bundle
          .result()
          .orElseThrow(() -> new IllegalStateException("the bundle writer did not finish"));
    }

    private void checkpoint(long done, double seconds) throws IOException {
      for (TrainingListener l : listeners) {
        l.onCheckpoint(run, done, seconds);
      }
    }

    private void validate(long done, double trainLoss, double seconds) throws IOException {
      float validationLoss;
      try (NDManager scope = run.manager().newSubManager()) {
        validationLoss = run.objective().validationLoss(inference, scope);
      }
      double accuracy;
      try (Embedder embedder =
          run.spec().embedder("validation", run.network(), run.manager().newSubManager())) {
        accuracy =
            new Verification(embedder, run.data().crops())
                .score(run.data().validationPairs())
                .bestThreshold()
                .accuracy();
      }
      CurvePoint point =
          new CurvePoint(
              done,
              done / (double) run.objective().stepsPerEpoch(),
              trainLoss,
              validationLoss,
              accuracy,
              seconds);
      history.add(point);
      for (TrainingListener l : listeners) {
        l.onValidation(run, point);
      }
    }
  }
}
