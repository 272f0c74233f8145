package org.facesearch.trainer.run;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CropCache;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.eval.Verification;
import org.facesearch.trainer.objective.ObjectiveTrainer;
import org.facesearch.trainer.objective.ObjectiveTrainers;
import org.facesearch.trainer.report.LossCurves;
import org.facesearch.trainer.step.Adam;
import org.facesearch.trainer.step.TrainingStep;

/**
 * The training loop all objectives share: seeded initialisation, one sub-manager per step,
 * validation and an atomic checkpoint every {@code validateEvery} steps, curves after each
 * validation, resumption from the newest checkpoint, a checkpoint on Ctrl-C, and at the end the
 * final metrics and the model bundle.
 */
public final class TrainingRun {
  private final TrainConfig config;
  private final RunPlan plan;

  private TrainingRun(TrainConfig config, RunPlan plan) {
    this.config = config;
    this.plan = plan;
  }

  /**
   * Trains as {@code config} says and writes the bundle to {@code plan.out()}.
   *
   * @throws IllegalArgumentException for a run folder or bundle folder that cannot be used as
   *     asked (checked before any training)
   */
  public static TrainingResult run(TrainConfig config, RunPlan plan) throws IOException {
    return new TrainingRun(config, plan).run();
  }

  private TrainingResult run() throws IOException {
    Path out = plan.out().toAbsolutePath().normalize();
    if (Files.exists(out)) {
      throw new IllegalArgumentException(
          "model bundle folder " + out + " already exists; choose another --out or remove it");
    }
    CheckpointStore checkpoints = new CheckpointStore(plan.runDir());
    Optional<Checkpoint> checkpoint = checkpoints.latest();
    if (plan.resume() && checkpoint.isEmpty()) {
      throw new IllegalArgumentException(
          "--resume: run folder " + plan.runDir() + " has no checkpoint to resume from");
    }
    if (!plan.resume() && checkpoint.isPresent()) {
      throw new IllegalArgumentException(
          "run folder " + plan.runDir() + " already holds a checkpoint at step "
              + checkpoint.get().step() + "; pass --resume to continue it, or choose another --run-dir");
    }
    if (checkpoint.isPresent()) {
      Set<String> changed = config.incompatibleWith(checkpoint.get().hyperparameters());
      if (!changed.isEmpty()) {
        throw new IllegalArgumentException(
            "--resume: the checkpoint in " + plan.runDir() + " was trained with other settings for "
                + String.join(", ", changed) + "; resume with the same settings (recorded in "
                + checkpoint.get().directory().resolve(CheckpointStore.STATE) + ")");
      }
    }

    Files.createDirectories(plan.runDir());
    TorchRuntime runtime = TorchRuntime.start(plan.engine());
    ModelSpec spec = ModelSpec.standard(config.objective(), config.architecture());
    plan.log().printf("facesearch train: %s on %s, device %s%n", config.objective().id(),
        config.architecture().id(), runtime.deviceDescription());
    try (TrainingData data =
            TrainingData.load(
                LfwDataset.open(plan.lfw()),
                new CropCache(plan.cacheDir()),
                spec.input().preprocessing(),
                plan.people(),
                config.validationFraction(),
                config.validationPairs(),
                config.protocolPairLimit(),
                config.seed());
        NDManager manager = runtime.newManager()) {
      plan.log().printf("data: %d training people (%d images), %d validation people (%d images)%n",
          data.trainPeople().size(), data.train().length, data.validationPeople().size(),
          data.validation().length);
      runtime.engine().setRandomSeed((int) config.seed());
      FaceNetwork network = spec.newNetwork();
      network.initialize(manager, spec.input().channels());
      ObjectiveTrainer objective = ObjectiveTrainers.create(config, data, spec, network);
      long total =
          config.iterations() > 0 ? config.iterations() : config.epochs() * objective.stepsPerEpoch();
      Adam adam =
          new Adam(config.learningRate(), config.cosineDecay() ? total : 0, config.weightDecay(), manager);
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
      Loop loop = new Loop(spec, data, manager, network, adam, objective, checkpoints, history,
          total, runtime.deviceDescription());
      return loop.run(start, priorSeconds);
    }
  }

  /** The state of one run in progress. */
  private final class Loop {
    private final ModelSpec spec;
    private final TrainingData data;
    private final NDManager manager;
    private final FaceNetwork network;
    private final Adam adam;
    private final ObjectiveTrainer objective;
    private final CheckpointStore checkpoints;
    private final List<CurvePoint> history;
    private final long total;
    private final String device;
    private final ParameterStore inference;

    Loop(ModelSpec spec, TrainingData data, NDManager manager, FaceNetwork network, Adam adam,
        ObjectiveTrainer objective, CheckpointStore checkpoints, List<CurvePoint> history,
        long total, String device) {
      this.device = device;
      this.inference = new ParameterStore(manager, false);
      this.spec = spec;
      this.data = data;
      this.manager = manager;
      this.network = network;
      this.adam = adam;
      this.objective = objective;
      this.checkpoints = checkpoints;
      this.history = history;
      this.total = total;
    }

    TrainingResult run(long start, double priorSeconds) throws IOException {
      if (start > total) {
        throw new IllegalArgumentException(
            "--resume: the checkpoint is at step " + start + ", past the " + total
                + " steps asked for; ask for more iterations or epochs");
      }
      TrainingStep step =
          new TrainingStep(network, adam, manager, Precision.configured().forTraining());
      long began = System.nanoTime();
      double lossSum = 0;
      long lossCount = 0;
      double smoothed = Double.NaN;
      long stepNanos = 0;
      long stepsTimed = 0;
      long done = start;
      boolean stoppedByTimeLimit = false;
      try (StopSignal stop = new StopSignal();
          ProgressBar bar = progressBar(start, priorSeconds)) {
        while (done < total) {
          long t0 = System.nanoTime();
          float loss;
          try (NDManager scope = manager.newSubManager()) {
            final long current = done;
            loss = step.run(store -> objective.trainingLoss(store, scope, current));
          }
          stepNanos += System.nanoTime() - t0;
          stepsTimed++;
          if (!Float.isFinite(loss)) {
            throw new IllegalStateException(
                "the training loss became " + loss + " at step " + (done + 1) + "; lower --lr"
                    + " (the last good checkpoint is kept in " + plan.runDir() + ")");
          }
          done++;
          lossSum += loss;
          lossCount++;
          smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
          double imagesPerSecond = objective.imagesPerStep() * stepsTimed / (stepNanos / 1e9);
          bar.stepTo(done);
          bar.setExtraMessage(String.format(" loss %.4f  %.1f img/s", smoothed, imagesPerSecond));
          double seconds = priorSeconds + (System.nanoTime() - began) / 1e9;
          if (done % config.validateEvery() == 0 || done == total) {
            validate(done, lossSum / lossCount, seconds);
            lossSum = 0;
            lossCount = 0;
            checkpoints.save(done, seconds, config.hyperparameters(), history, network, adam);
          }
          if (plan.timeLimit().isPresent() && seconds >= plan.timeLimit().get().toSeconds() && done < total) {
            if (done % config.validateEvery() != 0) {
              validate(done, lossSum / lossCount, seconds);
              checkpoints.save(done, seconds, config.hyperparameters(), history, network, adam);
            }
            plan.log().printf("%ntime limit of %s reached at step %d of %d; finishing here%n",
                plan.timeLimit().get(), done, total);
            stoppedByTimeLimit = true;
            break;
          }
          if (stop.requested()) {
            if (done % config.validateEvery() != 0 && done != total) {
              checkpoints.save(done, seconds, config.hyperparameters(), history, network, adam);
            }
            plan.log().printf("%nstopped at step %d of %d; checkpoint saved in %s (continue with --resume)%n",
                done, total, plan.runDir());
            return new TrainingResult(Optional.empty(), Optional.empty(), done, seconds, Map.of(), history);
          }
        }
      }
      double seconds = priorSeconds + (System.nanoTime() - began) / 1e9;
      double imagesPerSecond = stepsTimed == 0 ? 0 : objective.imagesPerStep() * stepsTimed / (stepNanos / 1e9);
      return finish(done, seconds, imagesPerSecond, stoppedByTimeLimit);
    }

    private ProgressBar progressBar(long start, double priorSeconds) {
      return new ProgressBarBuilder()
          .setTaskName("train " + config.objective().id())
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .setUpdateIntervalMillis(1000)
          .startsFrom(start, Duration.ofMillis((long) (priorSeconds * 1000)))
          .build();
    }

    private void validate(long done, double trainLoss, double seconds) throws IOException {
      float validationLoss;
      try (NDManager scope = manager.newSubManager()) {
        validationLoss = objective.validationLoss(inference, scope);
      }
      double accuracy;
      try (Embedder embedder = spec.embedder("validation", network, manager.newSubManager())) {
        accuracy = new Verification(embedder, data.crops()).score(data.validationPairs()).bestThreshold().accuracy();
      }
      CurvePoint point =
          new CurvePoint(done, done / (double) objective.stepsPerEpoch(), trainLoss, validationLoss, accuracy, seconds);
      history.add(point);
      plan.log().printf(
          "%nstep %d/%d  epoch %.2f  train loss %.4f  validation loss %.4f  validation accuracy %.4f  %.0f s%n",
          done, total, point.epoch(), trainLoss, validationLoss, accuracy, seconds);
      LossCurves.write(plan.runDir(), config.objective().id() + " " + config.architecture().id(), history);
    }

    private TrainingResult finish(long done, double seconds, double imagesPerSecond, boolean cutShort)
        throws IOException {
      plan.log().printf("final evaluation (%d validation, %d threshold and %d test pairs, with and without flip)%n",
          data.validationPairs().size(), data.thresholdPairs().size(), data.testPairs().size());
      FinalEvaluation evaluation = FinalEvaluation.measure(spec, network, manager, data);
      Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
      if (!history.isEmpty()) {
        metrics.put("finalTrainLoss", history.getLast().trainLoss());
        metrics.put("finalValidationLoss", history.getLast().validationLoss());
      }
      metrics.put("trainImagesPerSecond", imagesPerSecond);
      metrics.put("stoppedByTimeLimit", cutShort ? 1.0 : 0.0);
      Map<String, Object> hyperparameters = new LinkedHashMap<>(config.hyperparameters());
      hyperparameters.put("trainingPeopleSource", TrainingData.TRAIN_PEOPLE);
      hyperparameters.put("trainingPeople", data.trainPeople().size());
      hyperparameters.put("validationPeople", data.validationPeople().size());
      hyperparameters.put("trainingImages", data.train().length);
      hyperparameters.put("normalization", "imagenet");
      if (config.objective() == Objective.NT_XENT) {
        hyperparameters.put("augmentation", "simclr");
      }
      long epochs = done / objective.stepsPerEpoch();
      TrainingRecord record =
          new TrainingRecord(
              hyperparameters,
              device,
              data.fingerprint(),
              done,
              (int) Math.min(Integer.MAX_VALUE, epochs),
              metrics,
              seconds,
              Instant.now(),
              plan.codeVersion());
      ModelBundle bundle =
          ModelBundle.write(plan.out(), spec.withTestTimeFlip(evaluation.flip()), record, network);
      plan.log().printf("model %s written to %s%n", bundle.modelId(), bundle.directory());
      plan.log().printf("view1Accuracy %.4f (threshold %.4f, flip %s), validation accuracy %.4f, %.0f s, %.1f img/s%n",
          metrics.get("view1Accuracy"), metrics.get("threshold"), evaluation.flip(),
          metrics.get("validationAccuracy"), seconds, imagesPerSecond);
      return new TrainingResult(
          Optional.of(bundle.directory()), Optional.of(bundle.modelId()), done, seconds, metrics, history);
    }
  }
}
