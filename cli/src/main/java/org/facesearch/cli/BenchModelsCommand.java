package org.facesearch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.facesearch.bench.ModelSpeedBenchmark;
import org.facesearch.data.DataLocation;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.EngineSetupException;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.Precision;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.ModelSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch bench models}: several models' speed side by side on the same photos. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "Time several models side by side on the same seeded LFW photos, in one run: preparing a"
          + " face (alignment and crop) in ms per photo, the network's images/s on the prepared"
          + " crops (best of the rounds, which alternate the models), and each model's ratio to"
          + " the first."
    })
final class BenchModelsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--models",
      paramLabel = "MODEL",
      split = ",",
      required = true,
      description = "Models as --model takes them, comma-separated; ratios are to the first.")
  List<String> models;

  @Option(names = "--data", paramLabel = "DIR", description = "LFW folder.")
  java.nio.file.Path data;

  @Option(names = "--images", paramLabel = "N", description = "Photos (default 256).")
  int images = 256;

  @Option(names = "--rounds", paramLabel = "R", description = "Timed passes per model (default 3).")
  int rounds = 3;

  @Option(names = "--seed", paramLabel = "S", description = "Seed for the sample (default 42).")
  long seed = 42;

  @Option(
      names = "--runtimes",
      paramLabel = "R",
      split = ",",
      description =
          "Load each model once per inference runtime (auto, pytorch, onnxruntime), comma-separated,"
              + " to compare runtimes side by side in one run (default: the --runtime of the"
              + " process only).")
  List<String> runtimes = List.of();

  @Option(
      names = "--precisions",
      paramLabel = "P",
      split = ",",
      description =
          "Load each model once per precision (auto, fp32, bf16, int8), comma-separated, to compare"
              + " them side by side in one run, e.g. fp32,int8 (default: the --precision of the"
              + " process only).")
  List<String> precisions = List.of();

  @Override
  public Integer call() {
    List<String> runtimeChoices = new ArrayList<>();
    for (String r : runtimes) {
      try {
        runtimeChoices.add(InferenceRuntime.parse(r).toString());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--runtimes: " + e.getMessage());
      }
    }
    List<String> precisionChoices = new ArrayList<>();
    for (String p : precisions) {
      try {
        precisionChoices.add(Precision.parse(p).toString());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--precisions: " + e.getMessage());
      }
    }
    // An empty list: the process's own setting, once.
    if (runtimeChoices.isEmpty()) {
      runtimeChoices.add(null);
    }
    if (precisionChoices.isEmpty()) {
      precisionChoices.add(null);
    }
    List<LoadedModel> loaded = new ArrayList<>();
    try {
      Map<String, Embedder> embedders = new LinkedHashMap<>();
      EngineSetupException skipped = null;
      for (String name : models) {
        for (String runtime : runtimeChoices) {
          for (String precision : precisionChoices) {
            List<String> label = new ArrayList<>();
            if (runtime != null) {
              label.add(runtime);
            }
            if (precision != null) {
              label.add(precision);
            }
            String title = label.isEmpty() ? name : name + " [" + String.join(", ", label) + "]";
            LoadedModel model;
            try {
              model = loadWith(name, runtime, precision);
            } catch (EngineSetupException e) {
              // --runtimes x --precisions is a grid, and some cells cannot run (int8 on PyTorch,
              // bf16 on ONNX Runtime, int8 for an uncalibrated model): the rest are still worth
              // measuring in one run. Only a run left with nothing to measure is an error.
              if (e.settingMessage().isEmpty() || (runtimes.isEmpty() && precisions.isEmpty())) {
                throw e;
              }
              spec.commandLine().getErr().printf("skipped %s: %s%n", title, e.getMessage());
              skipped = e;
              continue;
            }
            loaded.add(model);
            embedders.put(title, model.embedder());
          }
        }
      }
      if (embedders.isEmpty()) {
        throw skipped;
      }
      Map<String, String> env = System.getenv();
      LfwDataset lfw =
          LfwDataset.open(DataLocation.resolve(data, env, Workspace.fromEnvironment(env)));
      ModelSpeedBenchmark.Report report =
          new ModelSpeedBenchmark().run(embedders, lfw.images(), images, rounds, seed, System.err);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "%d LFW photos (seed %d), %d rounds, %d CPU cores%n",
          report.photos(), seed, report.rounds(), Runtime.getRuntime().availableProcessors());
      out.printf(
          "%-34s %12s %14s %14s %10s%n",
          "model", "prepare ms", "network img/s", "end-to-end/s", "network x");
      double first = report.results().get(0).embedImagesPerSecond();
      for (ModelSpeedBenchmark.Result r : report.results()) {
        out.printf(
            "%-34s %12.1f %14.1f %14.1f %10.2f%n",
            r.name(),
            r.prepareMsPerPhoto(),
            r.embedImagesPerSecond(),
            r.endToEndImagesPerSecond(),
            r.embedImagesPerSecond() / first);
      }
      out.flush();
      return 0;
    } finally {
      loaded.forEach(LoadedModel::close);
    }
  }

  /**
   * A model loaded as {@code --runtime runtime --precision precision} would load it (the choice is
   * made at loading); null keeps the process's setting.
   */
  private static LoadedModel loadWith(String name, String runtime, String precision) {
    String runtimeBefore = System.getProperty(InferenceRuntime.PROPERTY);
    String precisionBefore = System.getProperty(Precision.PROPERTY);
    if (runtime != null) {
      System.setProperty(InferenceRuntime.PROPERTY, runtime);
    }
    if (precision != null) {
      System.setProperty(Precision.PROPERTY, precision);
    }
    try {
      return ModelSource.load(name);
    } finally {
      restore(InferenceRuntime.PROPERTY, runtimeBefore);
      restore(Precision.PROPERTY, precisionBefore);
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
