package org.facesearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.facesearch.data.Workspace;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.detect.BlazeFaceModel;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.model.bundle.Int8Calibration;
import org.facesearch.model.bundle.InvalidModelBundleException;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.fusion.FusedModel;
import org.facesearch.model.reference.ReferenceModel;
import org.facesearch.searcher.ModelSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facesearch models list}: every model {@code --model} takes and every face detector, with
 * where each comes from, its licence, its headline accuracy and whether its files are here.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List the models (trained bundles, pretrained reference models, raw-pixel baselines) and"
            + " face detectors, with source, licence, accuracy and whether their files are here.")
public final class ModelsListCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON: models and detectors, one object each.")
  boolean json;

  @Override
  public void run() {
    Workspace workspace = Workspace.fromEnvironment(System.getenv());
    AssetStore assets = AssetStore.in(workspace);
    List<Map<String, Object>> models = new ArrayList<>();
    for (Path folder : bundleFolders(workspace)) {
      models.add(bundle(folder));
    }
    for (ReferenceModel reference : ReferenceModel.all()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", reference.name());
      m.put("kind", "pretrained");
      m.put("description", reference.description());
      m.put("embeddingDim", reference.embeddingDim());
      m.put("inputSize", reference.inputSize());
      m.put("publishedLfwAccuracy", reference.publishedLfwAccuracy());
      m.put("source", reference.source());
      m.put("licence", reference.licence());
      m.put("trainingData", "outside data (not LFW); see its source");
      m.put("installed", assets.installed(reference.weights()).isPresent());
      models.add(m);
    }
    Map<String, Object> pixels = new LinkedHashMap<>();
    pixels.put("name", "pixels-<size>-<rgb|grey>");
    pixels.put("kind", "baseline");
    pixels.put("description", "the face crop's raw pixels, e.g. pixels-64-rgb; no training");
    models.add(pixels);

    List<Map<String, Object>> detectors = new ArrayList<>();
    for (DetectorKind kind : DetectorKind.values()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", kind.id());
      d.put("default", kind == DetectorKind.DEFAULT);
      switch (kind) {
        case BLAZEFACE -> {
          d.put("description", "MediaPipe BlazeFace: boxes, scores and six landmarks, multi-scale");
          d.put(
              "source", BlazeFaceModel.PACK.source() + " (" + BlazeFaceModel.PACK.npmSpec() + ")");
          d.put("licence", BlazeFaceModel.PACK.licence());
          d.put("installed", assets.installed(BlazeFaceModel.PACK).isPresent());
        }
        case HAAR -> {
          d.put("description", "OpenCV's Haar cascade (frontalface_alt2): boxes only");
          d.put("source", "ships inside the OpenCV jar");
          d.put("licence", "BSD-3-Clause (OpenCV; Intel's cascade licence)");
          d.put("installed", true);
        }
      }
      detectors.add(d);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("models", models);
      all.put("detectors", detectors);
      all.put("assets", assets.root().toString());
      Json.print(out, all);
    } else {
      print(out, models, detectors, assets);
    }
    out.flush();
  }

  /** The shipped default model, then any bundle folders under the workspace's models folder. */
  private static List<Path> bundleFolders(Workspace workspace) {
    List<Path> folders = new ArrayList<>();
    ModelSource.shippedDefault().ifPresent(folders::add);
    Path models = workspace.modelsDir();
    if (Files.isDirectory(models)) {
      try (Stream<Path> entries = Files.list(models)) {
        entries
            .filter(p -> Files.isRegularFile(p.resolve(ModelBundle.METADATA_FILE)))
            .sorted()
            .forEach(folders::add);
      } catch (IOException e) {
        // An unreadable models folder lists nothing from it; the shipped model still shows.
      }
    }
    return folders;
  }

  private static Map<String, Object> bundle(Path folder) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", folder.toString());
    m.put("kind", "trained");
    try {
      if (FusedModel.isFusedModel(folder) || FeatureModel.isFeatureModel(folder)) {
        return withoutNetwork(folder, m);
      }
      ModelBundle bundle = ModelBundle.open(folder);
      var metadata = bundle.metadata();
      var metrics = metadata.training().metrics();
      m.put("id", bundle.modelId());
      m.put(
          "description",
          metadata.spec().objective().id()
              + ", "
              + metadata.spec().architecture().id()
              + " at "
              + metadata.spec().input().size()
              + "x"
              + metadata.spec().input().size());
      m.put("embeddingDim", metadata.spec().embeddingDim());
      m.put("inputSize", metadata.spec().input().size());
      trainedHere(m, metrics);
      int8(bundle, m);
    } catch (InvalidModelBundleException e) {
      m.put("error", e.getMessage());
      m.put("installed", false);
    }
    return m;
  }

  /** Whether the bundle can run in int8, and how closely it agreed with fp32 when calibrated. */
  private static void int8(ModelBundle bundle, Map<String, Object> m) {
    Map<String, Object> int8 = new LinkedHashMap<>();
    try {
      Optional<Int8Calibration> calibration = bundle.int8Calibration();
      int8.put("calibrated", calibration.isPresent());
      calibration.ifPresent(c -> int8.putAll(c.agreement()));
    } catch (InvalidModelBundleException e) {
      int8.put("calibrated", false);
      int8.put("error", e.getMessage());
    }
    m.put("int8", int8);
  }

  /** A feature model or a fused one: no architecture to name, but the same record and figures. */
  private static Map<String, Object> withoutNetwork(Path folder, Map<String, Object> m) {
    TrainingRecord training;
    if (FusedModel.isFusedModel(folder)) {
      FusedModel fused = FusedModel.open(folder);
      training = fused.training();
      m.put("id", fused.modelId());
      m.put(
          "description",
          "fusion of "
              + fused.parts().stream()
                  .map(p -> String.format(Locale.ROOT, "%.2f x %s", p.weight(), p.modelId()))
                  .collect(Collectors.joining(" + ")));
    } else {
      FeatureModel features = FeatureModel.open(folder);
      training = features.training();
      m.put("id", features.modelId());
      m.put(
          "description",
          "LBP descriptor and learned projection (no network) at "
              + features.descriptor().inputSize()
              + "x"
              + features.descriptor().inputSize());
      m.put("embeddingDim", features.embeddingDim());
      m.put("inputSize", features.descriptor().inputSize());
    }
    trainedHere(m, training.metrics());
    return m;
  }

  /** What every model facesearch trained shows: its View 1, threshold, source and licence. */
  private static void trainedHere(Map<String, Object> m, Map<String, Double> metrics) {
    Optional.ofNullable(metrics.get("view1Accuracy")).ifPresent(v -> m.put("view1Accuracy", v));
    Optional.ofNullable(metrics.get(ModelSource.THRESHOLD_METRIC))
        .ifPresent(v -> m.put("threshold", v));
    m.put("source", "trained by facesearch");
    m.put("licence", "GPL-3.0-or-later (this project)");
    m.put("installed", true);
  }

  private static String int8Line(Map<?, ?> int8, Object name) {
    if (int8.containsKey("error")) {
      return "calibration unusable: " + int8.get("error");
    }
    if (!Boolean.TRUE.equals(int8.get("calibrated"))) {
      return "not calibrated (runs in fp32; 'facesearch models quantize --model " + name + "')";
    }
    if (int8.get("cosineMean") instanceof Double mean
        && int8.get("view1AccuracyInt8") instanceof Double int8View1
        && int8.get("view1AccuracyFp32") instanceof Double fp32View1) {
      return String.format(
          Locale.ROOT,
          "calibrated (cosine to fp32 %.4f on average; View 1 %.1f%% against %.1f%%)",
          mean,
          100 * int8View1,
          100 * fp32View1);
    }
    return "calibrated";
  }

  private static void print(
      PrintWriter out,
      List<Map<String, Object>> models,
      List<Map<String, Object>> detectors,
      AssetStore assets) {
    out.println("Models (--model NAME):");
    for (Map<String, Object> m : models) {
      out.printf("  %s%n", m.get("name"));
      line(out, "kind", m.get("kind"));
      line(out, "what", m.get("description"));
      if (m.containsKey("embeddingDim")) {
        line(
            out,
            "vectors",
            m.get("embeddingDim")
                + "-d from "
                + m.get("inputSize")
                + "x"
                + m.get("inputSize")
                + " crops");
      }
      if (m.containsKey("view1Accuracy")) {
        line(out, "LFW View 1", String.format("%.1f%%", 100 * (Double) m.get("view1Accuracy")));
      }
      if (m.containsKey("publishedLfwAccuracy")) {
        line(
            out,
            "LFW (published)",
            String.format("%.2f%%", 100 * (Double) m.get("publishedLfwAccuracy")));
      }
      if (m.get("int8") instanceof Map<?, ?> int8) {
        line(out, "int8", int8Line(int8, m.get("name")));
      }
      line(out, "source", m.get("source"));
      line(out, "licence", m.get("licence"));
      if ("pretrained".equals(m.get("kind"))) {
        line(
            out,
            "files",
            Boolean.TRUE.equals(m.get("installed"))
                ? "installed in " + assets.root()
                : "not here yet: fetched on first use, or now with 'facesearch models fetch "
                    + m.get("name")
                    + "'");
      }
      if (m.containsKey("error")) {
        line(out, "error", m.get("error"));
      }
    }
    out.println();
    out.println("Face detectors (--detector NAME):");
    for (Map<String, Object> d : detectors) {
      out.printf(
          "  %s%s%n", d.get("name"), Boolean.TRUE.equals(d.get("default")) ? " (default)" : "");
      line(out, "what", d.get("description"));
      line(out, "source", d.get("source"));
      line(out, "licence", d.get("licence"));
      if (!Boolean.TRUE.equals(d.get("installed"))) {
        line(
            out,
            "files",
            "not here yet: fetched on first use, or now with 'facesearch models"
                + " fetch "
                + d.get("name")
                + "'");
      }
    }
  }

  private static void line(PrintWriter out, String label, Object value) {
    if (value != null) {
      out.printf("      %-16s %s%n", label + ":", value);
    }
  }
}
