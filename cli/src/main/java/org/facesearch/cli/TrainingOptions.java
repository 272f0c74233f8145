package org.facesearch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.facesearch.data.DataLocation;
import org.facesearch.data.Workspace;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.run.RunPlan;
import picocli.CommandLine.Option;

/**
 * The options {@code train} and {@code train sweep} share. Unset options take the objective's
 * defaults ({@link TrainConfig#defaults}).
 */
final class TrainingOptions {
  @Option(names = "--objective", required = true, paramLabel = "NAME",
      description = "triplet, ntxent, contrastive or bce.")
  String objective;

  @Option(names = "--backbone", paramLabel = "NAME",
      description = "resnet18 (64x64) or cnn19 (128x128); default: cnn19 for bce, else resnet18.")
  String backbone;

  @Option(names = "--iterations", paramLabel = "N", description = "Optimiser steps (default 10000; ntxent counts epochs).")
  Long iterations;

  @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training images instead of --iterations (ntxent default 300).")
  Integer epochs;

  @Option(names = "--batch", paramLabel = "N",
      description = "Triplets (random mining), images (batch-hard, batch-all, ntxent) or pairs per step (default 64).")
  Integer batch;

  @Option(names = "--mining", paramLabel = "KIND", description = "Triplet mining: random (default) or batch-hard.")
  String mining;

  @Option(names = "--pairs", paramLabel = "SOURCE",
      description = "Pairs for contrastive/bce: sampled, protocol (pairsDevTrain), mixed, or batch-all (contrastive).")
  String pairs;

  @Option(names = "--images-per-person", paramLabel = "K", description = "K of the P x K batches (default 4).")
  Integer imagesPerPerson;

  @Option(names = "--augment", paramLabel = "KIND",
      description = "Training-image augmentation for triplet/contrastive/bce: none (default) or mild (flip, small crop/rotation, light colour).")
  String augment;

  @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate.")
  Float lr;

  @Option(names = "--lr-schedule", paramLabel = "KIND", description = "constant (default) or cosine (decays to 0 over the run).")
  String lrSchedule;

  @Option(names = "--weight-decay", paramLabel = "X", description = "L2 weight decay (default 1e-5).")
  Float weightDecay;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, split and batches (default 1).")
  Long seed;

  @Option(names = "--validate-every", paramLabel = "N", description = "Steps between validations and checkpoints (default 250).")
  Integer validateEvery;

  @Option(names = "--validation-pairs", paramLabel = "N", description = "Held-out pairs scored at each validation (default 600).")
  Integer validationPairs;

  @Option(names = "--max-minutes", paramLabel = "N",
      description = "Stop training after N minutes of wall time and finish there (evaluate, write the bundle).")
  Double maxMinutes;

  @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto", description = "auto, cpu or gpu (default auto).")
  String device;

  @Option(names = "--libtorch", paramLabel = "DIR", description = "A libtorch lib folder to use instead of the bundled CPU build.")
  Path libtorch;

  @Option(names = "--data", paramLabel = "DIR", description = "LFW folder (default: $FACESEARCH_DATA, else the workspace's data/lfw).")
  Path data;

  /** The config with this margin and temperature (null: the objective's default). */
  TrainConfig config(Float margin, Float temperature) {
    Objective o = Objective.fromId(objective);
    TrainConfig d = TrainConfig.defaults(o);
    long its = iterations != null ? iterations : epochs != null ? 0 : d.iterations();
    int eps = epochs != null ? epochs : iterations != null ? 0 : d.epochs();
    return new TrainConfig(
        o,
        backbone != null ? Architecture.fromId(backbone) : d.architecture(),
        mining != null ? Mining.fromId(mining) : d.mining(),
        pairs != null ? PairSource.fromId(pairs) : d.pairs(),
        its,
        eps,
        batch != null ? batch : d.batch(),
        imagesPerPerson != null ? imagesPerPerson : d.imagesPerPerson(),
        augment == null ? d.augment() : mild(augment),
        margin != null ? margin : d.margin(),
        temperature != null ? temperature : d.temperature(),
        lr != null ? lr : d.learningRate(),
        lrSchedule == null ? d.cosineDecay() : cosine(lrSchedule),
        weightDecay != null ? weightDecay : d.weightDecay(),
        seed != null ? seed : d.seed(),
        validateEvery != null ? validateEvery : d.validateEvery(),
        d.validationFraction(),
        validationPairs != null ? validationPairs : d.validationPairs(),
        d.protocolPairLimit());
  }

  private static boolean mild(String kind) {
    return switch (kind) {
      case "mild" -> true;
      case "none" -> false;
      default -> throw new IllegalArgumentException("unknown --augment '" + kind + "'; known: none, mild");
    };
  }

  private static boolean cosine(String schedule) {
    return switch (schedule) {
      case "cosine" -> true;
      case "constant" -> false;
      default -> throw new IllegalArgumentException(
          "unknown --lr-schedule '" + schedule + "'; known: constant, cosine");
    };
  }

  RunPlan plan(Path runDir, Path out, boolean resume, PrintStream log) {
    Map<String, String> env = System.getenv();
    Workspace workspace = Workspace.fromEnvironment(env);
    return new RunPlan(
        DataLocation.resolve(data, env, workspace),
        workspace.cacheDir(),
        Optional.empty(),
        runDir,
        out,
        resume,
        EngineOptions.resolve(libtorch, DeviceChoice.parse(device), env),
        Optional.ofNullable(maxMinutes).map(m -> {
          if (!(m > 0)) {
            throw new IllegalArgumentException("--max-minutes must be positive, got " + m);
          }
          return Duration.ofMillis((long) (m * 60_000));
        }),
        new FacesearchCommand.Version().getVersion()[0],
        log);
  }

  /** {@code <workspace>/runs/<objective>-<time>}: a fresh folder per run unless one is named. */
  Path defaultRunDir(String kind) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Workspace.fromEnvironment(System.getenv()).home().resolve("runs").resolve(kind + "-" + stamp);
  }
}
