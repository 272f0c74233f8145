package org.facesearch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.sweep.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code facesearch train sweep}: one run per margin x temperature, and a comparison table. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Train once per combination of --margin and --temperature values and write sweep.md and"
          + " sweep.csv (validation and view-1 accuracy, final losses) into the sweep folder."
    })
public final class TrainSweepCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin TrainingOptions options;

  @Option(
      names = "--margin",
      split = ",",
      paramLabel = "M[,M...]",
      description = "Margins to try (default: the objective's).")
  List<Float> margins = new ArrayList<>();

  @Option(
      names = "--temperature",
      split = ",",
      paramLabel = "T[,T...]",
      description = "Temperatures to try (default: the objective's).")
  List<Float> temperatures = new ArrayList<>();

  @Option(
      names = "--sweep-dir",
      paramLabel = "DIR",
      description = "Runs and the table (default: a new folder under <workspace>/runs).")
  Path sweepDir;

  @Override
  public void run() {
    if (options.teacher != null) {
      throw new IllegalArgumentException(
          "train sweep does not take --teacher; run distillations with train");
    }
    if (options.init != null) {
      throw new IllegalArgumentException(
          "train sweep does not take --init; continue a model with train");
    }
    List<Float> ms = margins.isEmpty() ? java.util.Collections.singletonList(null) : margins;
    List<Float> ts =
        temperatures.isEmpty() ? java.util.Collections.singletonList(null) : temperatures;
    List<TrainConfig> configs = new ArrayList<>();
    for (Float m : ms) {
      for (Float t : ts) {
        configs.add(options.config(m, t, null));
      }
    }
    Path dir = sweepDir != null ? sweepDir : options.defaultRunDir("sweep-" + options.objective);
    try {
      Sweep.Report report =
          Sweep.run(configs, options.plan(dir, dir.resolve("unused"), false, System.err), dir);
      spec.commandLine().getOut().println(report.markdown());
      spec.commandLine().getOut().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
