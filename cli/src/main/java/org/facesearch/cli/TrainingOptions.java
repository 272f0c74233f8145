package org.facesearch.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.facesearch.data.DataLocation;
import org.facesearch.data.Workspace;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.ModelSource;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.Setting;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.distill.TargetForm;
import org.facesearch.trainer.objective.DistillObjective;
import org.facesearch.trainer.objective.MarginSoftmaxObjective;
import org.facesearch.trainer.objective.Objectives;
import org.facesearch.trainer.objective.TrainingObjective;
import org.facesearch.trainer.run.RunPlan;
import picocli.CommandLine.Option;

/**
 * The options {@code train} and {@code train sweep} share. Unset options take the objective's
 * defaults ({@link TrainConfig#builder}); an option the objective has no use for is refused.
 */
final class TrainingOptions {
  // Not picocli-required: `train sweep` would then demand it of `train` before the subcommand.
  @Option(
      names = "--objective",
      paramLabel = "NAME",
      description = "triplet, ntxent, contrastive, bce, cosface, arcface or distill (required).")
  String objective;

  @Option(
      names = "--backbone",
      paramLabel = "NAME",
      description =
          "resnet18 (64x64), resnet18-96 (the same network on 96x96: finer detail, 2.25x the"
              + " compute) or cnn19 (128x128); default: cnn19 for bce, else resnet18.")
  String backbone;

  @Option(
      names = "--people",
      paramLabel = "SOURCE",
      description =
          "Photos to train on: dev-train (peopleDevTrain's people, default), dev-train-and-untested"
              + " (the same, plus the 967 photos of peopleDevTest's people whom no pairsDevTest pair"
              + " shows; View 1's people stay unseen) or seed (the seed protocol: 80%% of the photos"
              + " of the people with 50+ photos, the split evaluate tests on).")
  String people;

  @Option(
      names = "--align",
      paramLabel = "KIND",
      description =
          "Align the training faces (and every face the model will embed): none (LFW's framing,"
              + " default) or dlib-landmarks68 (dlib's 68-point alignment, as dlib-resnet sees"
              + " faces; fetches its detector and landmark files on first use).")
  String align;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "Optimiser steps (default 10000; ntxent counts epochs).")
  Long iterations;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Passes over the training images instead of --iterations (ntxent default 300).")
  Integer epochs;

  @Option(
      names = "--batch",
      paramLabel = "N",
      description =
          "Triplets (random mining), images (batch-hard, batch-all, ntxent) or pairs per step (default 64).")
  Integer batch;

  @Option(
      names = "--mining",
      paramLabel = "KIND",
      description = "Triplet mining: random (default) or batch-hard.")
  String mining;

  @Option(
      names = "--pairs",
      paramLabel = "SOURCE",
      description =
          "Pairs for contrastive/bce: sampled, protocol (pairsDevTrain), mixed, or batch-all (contrastive).")
  String pairs;

  @Option(
      names = "--images-per-person",
      paramLabel = "K",
      description = "K of the P x K batches (default 4).")
  Integer imagesPerPerson;

  @Option(
      names = "--augment",
      paramLabel = "KIND",
      description =
          "Training-image augmentation for triplet/contrastive/bce: none (default) or mild (flip, small crop/rotation, light colour).")
  String augment;

  @Option(
      names = "--scale",
      paramLabel = "S",
      description = "cosface/arcface/distill: softmax scale s (default 30).")
  Float scale;

  @Option(
      names = "--triplet-weight",
      paramLabel = "W",
      description =
          "cosface/arcface: weight of an added batch-hard triplet term over P x K batches (default 0: none).")
  Float tripletWeight;

  @Option(
      names = "--triplet-margin",
      paramLabel = "M",
      description = "cosface/arcface: margin of that triplet term (default 0.2).")
  Float tripletMargin;

  @Option(
      names = "--init",
      paramLabel = "BUNDLE",
      description =
          "Start from this model bundle's weights instead of random ones: a bundle folder, or"
              + " 'default' for the shipped model (same objective; a resnet18 may continue as"
              + " resnet18-96).")
  String init;

  @Option(
      names = "--revive-dead-branches",
      description =
          "With --init: re-initialise its residual branches whose weights have all decayed to"
              + " zero (which cannot learn back), starting each so it adds nothing.")
  boolean reviveDeadBranches;

  /** {@link #init}'s bundle, opened once (its model.json only). */
  private ModelBundle initialBundle;

  @Option(
      names = "--teacher",
      paramLabel = "MODEL",
      description =
          "distill: the model to learn from, named as for --model (a bundle folder or a built-in model name).")
  String teacher;

  @Option(
      names = "--teacher-targets",
      paramLabel = "FORM",
      description =
          "distill: plain (the teacher's vector of each face, default) or mirror-centred (the mean of the face's and its mirror image's vectors, centred on the training faces' mean).")
  String teacherTargets;

  @Option(
      names = "--teacher-views",
      paramLabel = "K",
      description =
          "distill: K augmented views of each training face (crop, rotation, flip, colour) that the teacher embeds once; the student is shown a random one of them or the face as it is, each with the teacher's vector of exactly that image, instead of the mild augmentation. Default 0.")
  Integer teacherViews;

  @Option(
      names = "--teacher-mixup",
      paramLabel = "SHARE",
      description =
          "distill: the share (0..1) of each batch shown as a blend of two training faces (mixup), whose target the teacher computes on the spot: new inputs on every step, at one teacher pass per blend (two with mirror-centred targets). Default 0.")
  Float teacherMixup;

  @Option(
      names = "--cosine-weight",
      paramLabel = "W",
      description = "distill: weight of 1 - cos(student, teacher) (default 1).")
  Float cosineWeight;

  @Option(
      names = "--relational-weight",
      paramLabel = "W",
      description = "distill: weight of the batch similarity-matrix MSE (default 1).")
  Float relationalWeight;

  @Option(
      names = "--identity-weight",
      paramLabel = "W",
      description = "distill: weight of an added CosFace identity loss (default 0: none).")
  Float identityWeight;

  @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate.")
  Float lr;

  @Option(
      names = "--lr-schedule",
      paramLabel = "KIND",
      description = "constant (default) or cosine (decays to 0 over the run).")
  String lrSchedule;

  @Option(
      names = "--weight-decay",
      paramLabel = "X",
      description = "Weight decay (default 1e-5): an L2 term under adam, decoupled under adamw.")
  Float weightDecay;

  @Option(
      names = "--optimizer",
      paramLabel = "KIND",
      description =
          "adam (default: weight decay as an L2 term in the gradient) or adamw (decoupled, as"
              + " torch.optim.AdamW: weights shrink by lr x decay each step; Adam's L2 term"
              + " starves layers with small gradients to zero).")
  String optimizer;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of weights, split and batches (default 1).")
  Long seed;

  @Option(
      names = "--validate-every",
      paramLabel = "N",
      description = "Steps between validations and checkpoints (default 250).")
  Integer validateEvery;

  @Option(
      names = "--validation-pairs",
      paramLabel = "N",
      description = "Held-out pairs scored at each validation (default 600).")
  Integer validationPairs;

  @Option(
      names = "--protocol-pairs",
      paramLabel = "N",
      description =
          "Final metrics on only the first N/2 matched and N/2 mismatched pairs of each protocol file (quick smoke runs; default: all).")
  Integer protocolPairs;

  @Option(
      names = "--max-minutes",
      paramLabel = "N",
      description =
          "Stop training after N minutes of wall time and finish there (evaluate, write the bundle).")
  Double maxMinutes;

  @Option(
      names = "--best-weights",
      description =
          "Write the weights of the best validation into the bundle, not the last step's (their"
              + " checkpoint is kept): for long runs that overfit their training people as the"
              + " learning rate anneals. Best: the most accurate on held-out people's pairs, or for"
              + " distill the lowest validation loss. model.json records the step (weightsStep).")
  boolean bestWeights;

  @Option(
      names = "--device",
      paramLabel = "DEVICE",
      defaultValue = "auto",
      description = "auto, cpu or gpu (default auto).")
  String device;

  @Option(
      names = "--libtorch",
      paramLabel = "DIR",
      description = "A libtorch lib folder to use instead of the bundled CPU build.")
  Path libtorch;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "LFW folder (default: $FACESEARCH_DATA, else the workspace's data/lfw).")
  Path data;

  /**
   * The config with this margin and temperature (null: the objective's default) and, for
   * distillation, this teacher model id (null for none).
   */
  TrainConfig config(Float margin, Float temperature, String teacherId) {
    if (objective == null) {
      throw new IllegalArgumentException("--objective is required: " + Objectives.idsInWords());
    }
    TrainingObjective o = Objectives.byId(objective);
    TrainConfig.Builder b = TrainConfig.builder(o);
    if (iterations != null || epochs != null) {
      b.schedule(iterations != null ? iterations : 0, epochs != null ? epochs : 0);
    }
    if (backbone != null) {
      b.architecture(Architecture.fromId(backbone));
    }
    if (people != null) {
      b.people(trainingPeople(people));
    }
    if (batch != null) {
      b.batch(batch);
    }
    if (align != null) {
      b.alignment(alignment(align));
    }
    if (augment != null) {
      b.augment(mild(augment));
    }
    if (lr != null) {
      b.learningRate(lr);
    }
    if (lrSchedule != null) {
      b.cosineDecay(cosine(lrSchedule));
    }
    if (weightDecay != null) {
      b.weightDecay(weightDecay);
    }
    if (optimizer != null) {
      b.decoupledWeightDecay(adamw(optimizer));
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (validateEvery != null) {
      b.validateEvery(validateEvery);
    }
    if (validationPairs != null) {
      b.validationPairs(validationPairs);
    }
    if (protocolPairs != null) {
      b.protocolPairLimit(protocolPairs);
    }
    set(b, "--mining", Settings.MINING, mining == null ? null : Mining.fromId(mining));
    set(b, "--pairs", Settings.PAIRS, pairs == null ? null : PairSource.fromId(pairs));
    set(b, "--images-per-person", Settings.IMAGES_PER_PERSON, imagesPerPerson);
    set(b, "--margin", Settings.MARGIN, margin);
    set(b, "--temperature", Settings.TEMPERATURE, temperature);
    set(b, "--scale", MarginSoftmaxObjective.SCALE, scale);
    set(b, "--triplet-weight", MarginSoftmaxObjective.TRIPLET_WEIGHT, tripletWeight);
    set(b, "--triplet-margin", MarginSoftmaxObjective.TRIPLET_MARGIN, tripletMargin);
    set(
        b,
        "--teacher-targets",
        DistillObjective.TEACHER_TARGETS,
        teacherTargets == null ? null : TargetForm.fromId(teacherTargets));
    set(b, "--teacher-views", DistillObjective.TEACHER_VIEWS, teacherViews);
    set(b, "--teacher-mixup", DistillObjective.TEACHER_MIXUP, teacherMixup);
    set(b, "--cosine-weight", DistillObjective.COSINE_WEIGHT, cosineWeight);
    set(b, "--relational-weight", DistillObjective.RELATIONAL_WEIGHT, relationalWeight);
    set(b, "--identity-weight", DistillObjective.IDENTITY_WEIGHT, identityWeight);
    if (o.needsTeacher() && teacherId == null) {
      throw new IllegalArgumentException(
          "--objective "
              + o.id()
              + " needs --teacher: a model bundle folder or a built-in model name");
    }
    if (init != null) {
      b.initialWeights(initialWeights().modelId());
    } else if (reviveDeadBranches) {
      throw new IllegalArgumentException(
          "--revive-dead-branches revives the weights of --init; give the bundle to start from");
    }
    b.reviveDeadBranches(reviveDeadBranches);
    set(b, "--teacher", DistillObjective.TEACHER, teacherId);
    if (teacherId != null && o.needsTeacher()) {
      b.set(DistillObjective.TEACHER_DATA, teacherData());
    }
    return b.build();
  }

  /**
   * What {@code --teacher} learned from, for the bundle's record: a facesearch bundle says what it
   * was trained on, raw pixels learned nothing, anything else (the pretrained reference) learned
   * from data outside LFW.
   */
  private String teacherData() {
    if (teacher.startsWith("pixels-")) {
      return "raw pixels, not trained";
    }
    Path folder = Path.of(teacher);
    if (Files.isDirectory(folder)) {
      Map<String, Object> recorded =
          ModelBundle.open(folder).metadata().training().hyperparameters();
      if (recorded.get("trainingData") instanceof String data) {
        return "itself trained on " + data;
      }
      if (recorded.containsKey("trainingPeopleSource")) {
        return "itself trained on LFW "
            + String.valueOf(recorded.get("trainingPeopleSource")).replace(".txt", "")
            + " only";
      }
    }
    return DistillObjective.OUTSIDE_DATA;
  }

  /**
   * Sets an objective setting from an option that was given; one the objective lacks is refused.
   */
  private static <T> void set(TrainConfig.Builder b, String flag, Setting<T> setting, T value) {
    if (value == null) {
      return;
    }
    if (!b.objective().settings().contains(setting)) {
      throw new IllegalArgumentException(
          flag + " is not a setting of the " + b.objective().id() + " objective; drop it");
    }
    b.set(setting, value);
  }

  /** The bundle {@code --init} names (a folder, or {@code default} for the shipped model). */
  ModelBundle initialWeights() {
    if (initialBundle == null) {
      Path folder =
          init.equals("default")
              ? ModelSource.shippedDefault()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "--init default: this installation has no shipped default model;"
                                  + " give a bundle folder"))
              : Path.of(init);
      if (!Files.isDirectory(folder)) {
        throw new IllegalArgumentException(
            "--init " + init + ": no model bundle folder there; give a folder with model.json");
      }
      initialBundle = ModelBundle.open(folder);
    }
    return initialBundle;
  }

  /**
   * The model {@code --teacher} names, resolved as {@code --model} is (a bundle folder or a
   * built-in model's name); null when not given. The caller closes it.
   */
  LoadedModel openTeacher(RunPlan plan) {
    if (teacher == null) {
      return null;
    }
    // A bundle teacher starts PyTorch; start it first as the run asks (--libtorch, --device), so
    // the teacher does not load another libtorch that the run then cannot switch from.
    TorchRuntime.start(plan.engine());
    return ModelSource.load(teacher);
  }

  private static TrainingPeople trainingPeople(String id) {
    try {
      return TrainingPeople.fromId(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown --people '"
              + id
              + "'; known: "
              + Arrays.stream(TrainingPeople.values())
                  .map(TrainingPeople::id)
                  .collect(Collectors.joining(", ")),
          e);
    }
  }

  private static InputAlignment alignment(String id) {
    try {
      return InputAlignment.fromId(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--align: " + e.getMessage(), e);
    }
  }

  private static boolean mild(String kind) {
    return either("--augment", kind, "none", "mild");
  }

  private static boolean adamw(String optimizer) {
    return either("--optimizer", optimizer, "adam", "adamw");
  }

  private static boolean cosine(String schedule) {
    return either("--lr-schedule", schedule, "constant", "cosine");
  }

  /** False for {@code off}, true for {@code on}; anything else is refused naming both. */
  private static boolean either(String option, String value, String off, String on) {
    if (!value.equals(off) && !value.equals(on)) {
      throw new IllegalArgumentException(
          "unknown " + option + " '" + value + "'; known: " + off + ", " + on);
    }
    return value.equals(on);
  }

  RunPlan plan(Path runDir, Path out, boolean resume, PrintStream log) {
    Map<String, String> env = System.getenv();
    Workspace workspace = Workspace.fromEnvironment(env);
    RunPlan plan =
        new RunPlan(
                DataLocation.resolve(data, env, workspace),
                workspace.cacheDir(),
                Optional.empty(),
                runDir,
                out,
                resume,
                EngineOptions.resolve(libtorch, DeviceChoice.parse(device), env),
                Optional.ofNullable(maxMinutes)
                    .map(
                        m -> {
                          if (!(m > 0)) {
                            throw new IllegalArgumentException(
                                "--max-minutes must be positive, got " + m);
                          }
                          return Duration.ofMillis((long) (m * 60_000));
                        }),
                new FacesearchCommand.Version().getVersion()[0],
                log)
            .withAssets(AssetStore.in(workspace));
    if (bestWeights) {
      plan = plan.withBestWeights();
    }
    return init == null ? plan : plan.withInitialWeights(initialWeights());
  }

  /** {@code <workspace>/runs/<objective>-<time>}: a fresh folder per run unless one is named. */
  Path defaultRunDir(String kind) {
    if (objective == null) {
      throw new IllegalArgumentException("--objective is required: " + Objectives.idsInWords());
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Workspace.fromEnvironment(System.getenv())
        .home()
        .resolve("runs")
        .resolve(kind + "-" + stamp);
  }
}
