package org.facesearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.facesearch.bench.QueryLatencyBenchmark;
import org.facesearch.data.DataLocation;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.detect.bench.PlacedFace;
import org.facesearch.data.detect.bench.PlacedFaces;
import org.facesearch.data.face.FaceReader;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.searcher.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch bench query}: photo to look-alikes latency per detector on placed photos. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Time whole queries, photo file to look-alikes (decode, detect, align, embed, search), one at"
          + " a time, with each detector, on the placed-face photos of bench detect (LFW faces in"
          + " larger cluttered photos): p50, p99 and mean, and the p50 of decode + detect + align"
          + " and of embed + search.",
      "Needs an index built with the model (facesearch index --model M --index DIR)."
    })
final class BenchQueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "LFW folder (default: $FACESEARCH_DATA, or the workspace's).")
  Path data;

  @Option(
      names = "--placed",
      paramLabel = "DIR",
      description =
          "Folder for the generated photos (default: the workspace's bench/placed-faces, as bench detect).")
  Path placed;

  @Option(
      names = "--photos",
      paramLabel = "N",
      description = "Placed-face photos to time (default 300).")
  int photos = 300;

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
          "Detectors to time, comma-separated, as bench detect names them (default:"
              + " blazeface,haar).")
  List<String> detectors = List.of("blazeface", "haar");

  @Override
  public Integer call() {
    if (photos < 1) {
      throw new IllegalArgumentException("--photos must be at least 1");
    }
    DetectorVariants.check("--detectors", detectors);
    Map<String, String> env = System.getenv();
    Workspace workspace = Workspace.fromEnvironment(env);
    GalleryIndex root = index.root();
    if (root.current().isEmpty()) {
      throw new IllegalArgumentException(
          "there is no index at "
              + root.location()
              + " to search; build one first: facesearch"
              + " index --index "
              + root.location()
              + (model.model != null ? " --model " + model.model : ""));
    }
    LfwDataset lfw = LfwDataset.open(DataLocation.resolve(data, env, workspace));
    Path folder =
        placed != null ? placed : workspace.home().resolve("bench").resolve("placed-faces");
    List<Path> files =
        PlacedFaces.generate(lfw, photos, seed, folder).stream().map(PlacedFace::photo).toList();
    PrintWriter out = spec.commandLine().getOut();
    try (LoadedModel loaded = model.load(root)) {
      QueryLatencyBenchmark bench = new QueryLatencyBenchmark(root, loaded.embedder());
      AssetStore assets = AssetStore.in(workspace);
      out.printf(
          "model %s (%s), %d placed-face photos in %s (seed %d), one query at a time, the detectors taking turns photo by photo%n",
          loaded.embedder().modelId(), loaded.source(), files.size(), folder, seed);
      out.printf(
          "%-10s %8s %8s %8s %7s %14s %14s%n",
          "detector", "p50 ms", "p99 ms", "mean ms", "no face", "read p50 ms", "embed+search");
      List<QueryLatencyBenchmark.Contender> contenders = new ArrayList<>();
      for (String name : detectors) {
        contenders.add(
            new QueryLatencyBenchmark.Contender(
                name, () -> new FaceReader(DetectorVariants.open(name, assets))));
      }
      List<QueryLatencyBenchmark.Report> reports = bench.run(contenders, files);
      for (QueryLatencyBenchmark.Report r : reports) {
        out.printf(
            "%-10s %8.1f %8.1f %8.1f %7d %14.1f %14.1f%n",
            r.detector(),
            r.p50Millis(),
            r.p99Millis(),
            r.meanMillis(),
            r.noFace(),
            r.readP50Millis(),
            r.embedSearchP50Millis());
      }
      for (QueryLatencyBenchmark.Report r : reports.subList(1, reports.size())) {
        QueryLatencyBenchmark.Report base = reports.getFirst();
        out.printf(
            "%s vs %s: p50 %.2fx, p99 %.2fx%n",
            r.detector(),
            base.detector(),
            r.p50Millis() / base.p50Millis(),
            r.p99Millis() / base.p99Millis());
      }
      out.println(
          "read: decode + detect + align; embed+search: embed the framed face, search the"
              + " index, group by person (p50 over the photos with a face)");
      out.flush();
      return 0;
    }
  }
}
