package org.facesearch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CropCache;
import org.facesearch.evaluation.EvaluatedModel;
import org.facesearch.evaluation.Evaluation;
import org.facesearch.evaluation.EvaluationReport;
import org.facesearch.evaluation.EvaluationSettings;
import org.facesearch.evaluation.SubsetResult;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.ModelSource;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.report.LossCurves;
import org.facesearch.trainer.run.Checkpoint;
import org.facesearch.trainer.run.CheckpointStore;
import org.facesearch.trainer.run.TrainingResult;
import org.facesearch.trainer.run.TrainingRun;
import picocli.CommandLine;

/**
 * Runs the seed experiments one after the other, each in {@code <work>/<name>}, so that starting it
 * again continues where it stopped: a run with an {@link ExperimentResult} is read back, a finished
 * bundle is only evaluated, a run with a checkpoint is resumed, anything else is trained from the
 * start. Each run trains exactly as {@code facesearch train} with the experiment's options would.
 */
final class SeedExperimentRunner {
  /** The subset maps of each run go here, inside its run folder. */
  static final String MAPS = "maps";

  /** pairsDevTest.txt's pairs, all of which view-1 accuracy counts unless a run limits them. */
  private static final int FULL_VIEW1_PAIRS = 1000;

  /** An experiment and what is known of it: its result, or why there is none yet. */
  record Outcome(
      SeedExperiment experiment, Path runDir, Optional<ExperimentResult> result, String missing) {}

  private final Path work;
  private final ExperimentSchedule schedule;
  private final List<String> environmentOptions;
  private final boolean train;
  private final LfwDataset lfw;
  private final CropCache cache;
  private final PrintStream log;

  /**
   * @param environmentOptions {@code --data}, {@code --device}, {@code --libtorch} as given, added
   *     to every training command
   * @param train false: only evaluate and report runs that finished, train nothing
   */
  SeedExperimentRunner(
      Path work,
      ExperimentSchedule schedule,
      List<String> environmentOptions,
      boolean train,
      LfwDataset lfw,
      CropCache cache,
      PrintStream log) {
    this.work = work;
    this.schedule = schedule;
    this.environmentOptions = List.copyOf(environmentOptions);
    this.train = train;
    this.lfw = lfw;
    this.cache = cache;
    this.log = log;
  }

  List<Outcome> run(List<SeedExperiment> experiments) throws IOException {
    List<Outcome> outcomes = new ArrayList<>();
    for (SeedExperiment e : experiments) {
      outcomes.add(run(e, outcomes.size() + 1, experiments.size()));
    }
    return outcomes;
  }

  private Outcome run(SeedExperiment experiment, int number, int count) throws IOException {
    Path dir = work.resolve(experiment.name());
    Path bundle = dir.resolve("model");
    if (ExperimentResult.existsIn(dir)) {
      log.printf("%s (%d of %d): finished earlier, read back%n", experiment.name(), number, count);
      return new Outcome(experiment, dir, Optional.of(ExperimentResult.read(dir)), "");
    }
    List<String> args = new ArrayList<>(experiment.trainArguments(schedule));
    args.addAll(environmentOptions);
    if (!Files.isDirectory(bundle)) {
      Optional<Checkpoint> checkpoint =
          Files.isDirectory(dir) ? new CheckpointStore(dir).latest() : Optional.empty();
      if (!train) {
        return new Outcome(
            experiment,
            dir,
            Optional.empty(),
            checkpoint
                .map(c -> "stopped at step " + c.step() + ", resumes")
                .orElse("not trained yet"));
      }
      boolean resume = checkpoint.isPresent();
      log.printf(
          "%n=== %s (%d of %d): %s ===%n",
          experiment.name(), number, count, resume ? "resuming" : "training");
      TrainingResult trained = train(args, dir, bundle, resume);
      if (!trained.completed()) {
        throw new IllegalStateException(
            "the experiments stopped during "
                + experiment.name()
                + "; run the same command again to continue it");
      }
    }
    log.printf("%s (%d of %d): evaluating on the seed subset%n", experiment.name(), number, count);
    ExperimentResult result = evaluate(command(args, dir, bundle), dir, bundle);
    result.write(dir);
    return new Outcome(experiment, dir, Optional.of(result), "");
  }

  /** Parses the options as {@code facesearch train} does, then trains. */
  private TrainingResult train(List<String> args, Path dir, Path bundle, boolean resume)
      throws IOException {
    TrainCommand command = new TrainCommand();
    new CommandLine(command).parseArgs(args.toArray(String[]::new));
    TrainConfig config = command.options.config(command.margin, command.temperature, null);
    return TrainingRun.run(config, command.options.plan(dir, bundle, resume, log));
  }

  private ExperimentResult evaluate(String command, Path dir, Path bundlePath) throws IOException {
    ModelBundle bundle = ModelBundle.open(bundlePath);
    TrainingRecord record = bundle.metadata().training();
    Map<String, Double> m = record.metrics();
    SubsetResult subset;
    try (LoadedModel loaded = ModelSource.load(bundlePath.toString())) {
      EvaluatedModel model = EvaluatedModel.of(loaded.embedder(), Optional.of(bundle), lfw);
      Evaluation.SubsetEvaluation evaluated =
          new Evaluation(lfw, cache, EvaluationSettings.DEFAULT).subsetOnly(model);
      subset = evaluated.result();
      Path maps = dir.resolve(MAPS);
      Files.createDirectories(maps);
      EvaluationReport.writeMaps(bundle.modelId(), subset, evaluated.figures(), maps);
    }
    Object limit = record.hyperparameters().get("protocolPairLimit");
    int testPairs = limit instanceof Number n && n.intValue() > 0 ? n.intValue() : FULL_VIEW1_PAIRS;
    return new ExperimentResult(
        command,
        record.iterations(),
        lastEpoch(dir),
        record.trainingSeconds(),
        m.getOrDefault("stoppedByTimeLimit", 0.0) > 0,
        m.getOrDefault("finalTrainLoss", Double.NaN),
        m.getOrDefault("finalValidationLoss", Double.NaN),
        m.getOrDefault("validationAccuracy", Double.NaN),
        m.getOrDefault("view1Accuracy", Double.NaN),
        testPairs,
        subset.embeddings().ari(),
        subset.pixels().ari(),
        subset.knn().top1());
  }

  /** The epoch of the last point of the run's {@code curves.csv}. */
  private static double lastEpoch(Path dir) {
    Path csv = dir.resolve(LossCurves.CSV);
    try {
      List<String> lines = Files.readAllLines(csv);
      return Double.parseDouble(lines.getLast().split(",")[1]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
    }
  }

  /** The command line that trains the run, as a person would type it. */
  static String command(List<String> args, Path dir, Path bundle) {
    List<String> words = new ArrayList<>(List.of("facesearch", "train"));
    words.addAll(args);
    words.addAll(List.of("--run-dir", dir.toString(), "--out", bundle.toString()));
    return String.join(" ", words);
  }
}
