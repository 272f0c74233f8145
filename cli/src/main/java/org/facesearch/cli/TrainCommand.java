package org.facesearch.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.trainer.run.RunPlan;
import org.facesearch.trainer.run.TrainingResult;
import org.facesearch.trainer.run.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code facesearch train}: trains a model and writes its bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train an embedding model on LFW's peopleDevTrain people and write a model bundle.",
      "Checkpoints, curves.csv and loss PNGs go to the run folder; Ctrl-C saves a checkpoint"
          + " that --resume continues."
    },
    subcommands = {TrainSweepCommand.class, TrainLbpCommand.class, TrainFuseCommand.class})
public final class TrainCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin TrainingOptions options;

  @Option(
      names = "--margin",
      paramLabel = "M",
      description =
          "Triplet, contrastive or margin-softmax margin (triplet 0.2, contrastive 1.0, cosface 0.35, arcface 0.5 rad).")
  Float margin;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      description = "Triplet or NT-Xent temperature (triplet 1.0, ntxent 0.5).")
  Float temperature;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Model bundle folder to create (default: <run-dir>/model).")
  Path out;

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      description = "Checkpoints and curves (default: a new folder under <workspace>/runs).")
  Path runDir;

  @Option(names = "--resume", description = "Continue from the newest checkpoint in --run-dir.")
  boolean resume;

  @Override
  public void run() {
    if (resume && runDir == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--resume needs the --run-dir of the run to continue");
    }
    Path dir = runDir != null ? runDir : options.defaultRunDir(options.objective);
    Path bundle = out != null ? out : dir.resolve("model");
    // Every setting is checked before a teacher is loaded (the name stands in for its model id).
    options.config(margin, temperature, options.teacher);
    RunPlan plan = options.plan(dir, bundle, resume, System.err);
    try (LoadedModel teacher = options.openTeacher(plan)) {
      TrainingResult result =
          teacher == null
              ? TrainingRun.run(options.config(margin, temperature, null), plan)
              : TrainingRun.run(
                  options.config(margin, temperature, teacher.embedder().modelId()),
                  plan.withTeacher(teacher.embedder()));
      if (!result.completed()) {
        throw new IllegalStateException(
            "training stopped at step "
                + result.steps()
                + "; continue with --resume --run-dir "
                + dir);
      }
      spec.commandLine().getOut().println(result.bundle().orElseThrow());
      spec.commandLine().getOut().flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e.getMessage(), e);
    }
  }
}
