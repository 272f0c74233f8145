package org.facesearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.facesearch.data.DataLocation;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.detect.bench.DetectBenchmark;
import org.facesearch.data.detect.bench.PlacedFace;
import org.facesearch.data.detect.bench.PlacedFaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch bench detect}: Haar vs BlazeFace on LFW and on faces placed in big photos. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the face detectors (haar; blaze-1x: BlazeFace on the whole photo only; blazeface:"
          + " the default asked for the largest face as a search asks, whole photo, then the"
          + " full-range network, then tiles until a face is sure; blaze-short: the same without"
          + " the full-range network; blaze-all: every tile of every photo, as for every face) on"
          + " LFW images and on LFW faces placed in larger cluttered photos: how often the largest"
          + " face found is the true face, how often it is found at all, ms and network passes"
          + " per photo.",
      "The placed photos are generated from --seed into --placed (default: the workspace's"
          + " bench/placed-faces) and kept there."
    })
final class BenchDetectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "LFW folder (default: $FACESEARCH_DATA, or the workspace's).")
  Path data;

  @Option(names = "--placed", paramLabel = "DIR", description = "Folder for the generated photos.")
  Path placed;

  @Option(names = "--photos", paramLabel = "N", description = "Placed-face photos (default 300).")
  int photos = 300;

  @Option(
      names = "--lfw-step",
      paramLabel = "K",
      description = "Use every K-th LFW image (default 1: all 13,233).")
  int lfwStep = 1;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Random seed for the placed photos (default 42).")
  long seed = 42;

  @Option(
      names = "--detectors",
      paramLabel = "NAMES",
      split = ",",
      description =
          "Which to run, comma-separated (default: haar,blaze-1x,blaze-short,blazeface,blaze-all).")
  List<String> detectors = DetectorVariants.names();

  @Override
  public Integer call() {
    if (photos < 1 || lfwStep < 1) {
      throw new IllegalArgumentException("--photos and --lfw-step must be at least 1");
    }
    DetectorVariants.check("--detectors", detectors);
    Map<String, String> env = System.getenv();
    Workspace workspace = Workspace.fromEnvironment(env);
    LfwDataset lfw = LfwDataset.open(DataLocation.resolve(data, env, workspace));
    Path folder =
        placed != null ? placed : workspace.home().resolve("bench").resolve("placed-faces");
    PrintWriter out = spec.commandLine().getOut();
    AssetStore assets = AssetStore.in(workspace);

    List<PlacedFace> scenes = PlacedFaces.generate(lfw, photos, seed, folder);
    out.printf("%d placed-face photos in %s (seed %d)%n", scenes.size(), folder, seed);
    out.flush();
    List<DetectBenchmark.Score> scores = new ArrayList<>();
    for (var set :
        List.of(
            Map.entry("lfw", DetectBenchmark.lfw(lfw, lfwStep)),
            Map.entry("placed", DetectBenchmark.placed(scenes)))) {
      int first = scores.size();
      for (String name : detectors) {
        scores.add(
            DetectBenchmark.score(
                set.getKey(),
                set.getValue(),
                name,
                () -> DetectorVariants.open(name, assets),
                DetectorVariants.benchSelection(name)));
      }
      DetectBenchmark.print(scores.subList(first, scores.size()), out);
    }
    return 0;
  }
}
