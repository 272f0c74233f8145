package org.facesearch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.facesearch.data.DataLocation;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.cache.CropCache;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facesearch experiments seeds}: the seed projects' experiments ({@link SeedExperiments}),
 * trained, evaluated on the seed subset and written up as one markdown report.
 */
@Command(
    name = "seeds",
    mixinStandardHelpOptions = true,
    description = {
      "Reproduce the seed projects' experiments (TriNet margin x temperature grid, SimCLR temperatures,"
          + " the 19-layer CNN, batch-all contrastive, SimCLR without labels): train each, evaluate it on"
          + " the seed subset (k-means ARI against raw pixels, kNN, PCA and t-SNE maps) and write one"
          + " markdown report with its pictures and a CSV.",
      "Run it again to continue: finished runs are read back, an interrupted one resumes."
    })
public final class ExperimentsSeedsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--schedule",
      paramLabel = "KIND",
      defaultValue = "quick",
      description =
          "quick (a few dozen steps or one epoch per run: checks the pipeline), medium (a few"
              + " hundred steps or a few dozen epochs, at most 10 minutes a run: about an hour on 2"
              + " CPU cores) or full (the seeds' 10,000 iterations / 300 epochs); default"
              + " ${DEFAULT-VALUE}.")
  String schedule;

  @Option(
      names = "--report",
      paramLabel = "FILE.md",
      description =
          "The markdown report; its pictures and results.csv go to the folder of the same name"
              + " beside it (default: <workspace>/reports/seed-experiments-<schedule>.md).")
  Path report;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description =
          "Run folders, checkpoints and bundles, never the report's folder (default:"
              + " <workspace>/experiments/seeds-<schedule>).")
  Path work;

  @Option(
      names = "--no-train",
      description = "Train nothing: evaluate and report the runs that finished.")
  boolean noTrain;

  @Option(
      names = "--device",
      paramLabel = "DEVICE",
      description = "auto, cpu or gpu, passed to every run.")
  String device;

  @Option(
      names = "--libtorch",
      paramLabel = "DIR",
      description = "A libtorch lib folder, passed to every run.")
  Path libtorch;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "LFW folder (default: $FACESEARCH_DATA, else the workspace's data/lfw).")
  Path data;

  @Override
  public void run() {
    ExperimentSchedule kind = ExperimentSchedule.fromId(schedule);
    Map<String, String> env = System.getenv();
    Workspace workspace = Workspace.fromEnvironment(env);
    Path markdown =
        report != null
            ? report
            : workspace.home().resolve("reports").resolve("seed-experiments-" + kind.id() + ".md");
    if (!markdown.getFileName().toString().endsWith(".md")) {
      throw new IllegalArgumentException(
          "--report must name a markdown file ending in .md, got " + markdown);
    }
    Path runs =
        work != null ? work : workspace.home().resolve("experiments").resolve("seeds-" + kind.id());
    LfwDataset lfw = LfwDataset.open(DataLocation.resolve(data, env, workspace));
    List<String> environment = new ArrayList<>();
    if (data != null) {
      environment.addAll(List.of("--data", data.toString()));
    }
    if (device != null) {
      environment.addAll(List.of("--device", device));
    }
    if (libtorch != null) {
      environment.addAll(List.of("--libtorch", libtorch.toString()));
    }
    SeedExperimentRunner runner =
        new SeedExperimentRunner(
            runs, kind, environment, !noTrain, lfw, CropCache.in(workspace), System.err);
    try {
      List<SeedExperimentRunner.Outcome> outcomes = runner.run(SeedExperiments.all());
      String reproduce =
          "facesearch experiments seeds --schedule "
              + kind.id()
              + (work != null ? " --work " + work : "")
              + " --report "
              + markdown;
      SeedReport.write(markdown, kind, reproduce, outcomes);
      long done = outcomes.stream().filter(o -> o.result().isPresent()).count();
      spec.commandLine()
          .getOut()
          .printf("%s: %d of %d experiments reported%n", markdown, done, outcomes.size());
      spec.commandLine().getOut().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
