package org.facesearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.facesearch.data.DataLocation;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.split.SeedSubset;
import org.facesearch.evaluation.EvaluatedModel;
import org.facesearch.evaluation.Evaluation;
import org.facesearch.evaluation.EvaluationJson;
import org.facesearch.evaluation.EvaluationReport;
import org.facesearch.evaluation.EvaluationResult;
import org.facesearch.evaluation.EvaluationSettings;
import org.facesearch.evaluation.SubsetResult;
import org.facesearch.evaluation.TrainingIdentities;
import org.facesearch.evaluation.TrainingOverlap;
import org.facesearch.evaluation.View2;
import org.facesearch.model.PixelEmbedder;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.fusion.FusedModel;
import org.facesearch.model.reference.ReferenceModel;
import org.facesearch.searcher.Calibrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code facesearch evaluate}: LFW's protocols, clustering and plots for one model, as a report.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a model on LFW: View 1 (pairsDevTest, threshold from pairsDevTrain), View 2"
          + " (10-fold pairs.txt: accuracy, AUC, EER, TAR at FAR), k-means and identification on"
          + " the people with 50+ photos, and plots, written as a report folder (report.md,"
          + " index.html). For a pretrained model (e.g. dlib-resnet) the View 1 threshold is also"
          + " kept in the workspace as its verification threshold.",
    })
final class EvaluateCommand implements Callable<Integer> {
  /** The seeds' raw-pixel baseline: the ResNet models' 64x64 colour crop. */
  static final String PIXEL_BASELINE = "pixels-64-rgb";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;

  @Option(
      names = "--pixels",
      description = "Evaluate the raw-pixel baseline (" + PIXEL_BASELINE + ").")
  boolean pixels;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "LFW folder (default: $FACESEARCH_DATA, else the workspace's data/lfw).")
  Path data;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Report folder (default: reports/evaluate-<time>-<model> in the workspace).")
  Path report;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Seed of the subset split, k-means and t-SNE (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--json",
      description = "Print the figures as JSON (view1, view2, ari, knn, report).")
  boolean json;

  /** The pretrained model being evaluated, if it is one (set when the model is resolved). */
  private Optional<ReferenceModel> reference = Optional.empty();

  @Override
  public Integer call() {
    if (pixels && model.model != null) {
      throw new ParameterException(
          spec.commandLine(), "--pixels and --model both name a model; give one");
    }
    Map<String, String> env = System.getenv();
    Workspace workspace = Workspace.fromEnvironment(env);
    LfwDataset lfw = LfwDataset.open(DataLocation.resolve(data, env, workspace));
    try (EvaluatedModel evaluated = resolveModel(lfw)) {
      EvaluationResult result =
          new Evaluation(lfw, CropCache.in(workspace), EvaluationSettings.DEFAULT.withSeed(seed))
              .run(evaluated);
      Path folder =
          EvaluationReport.write(
              result, report != null ? report : defaultReport(workspace, result.modelId()));
      Optional<Path> calibration = calibrate(workspace, lfw, result);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, EvaluationJson.summary(result, folder));
      } else {
        printSummary(out, result, folder);
        calibration.ifPresent(
            file -> out.printf("calibration kept for %s in %s%n", result.modelId(), file));
        out.flush();
      }
      return 0;
    }
  }

  /**
   * The model to evaluate, the one place evaluate resolves it: {@code --pixels}, else the shared
   * {@code --model} resolution (a bundle folder, {@code pixels-<size>-<rgb|grey>}, or the serving
   * index's model). A bundle's metadata says which people it was trained on.
   */
  private EvaluatedModel resolveModel(LfwDataset lfw) {
    if (pixels) {
      model.model = PIXEL_BASELINE;
    }
    var loaded = model.load(index.root());
    try {
      reference = ReferenceModel.named(loaded.source());
      if (reference.isPresent()) {
        return EvaluatedModel.reference(loaded.embedder(), reference.get());
      }
      if (FusedModel.isFusedModel(Path.of(loaded.source()))) {
        return EvaluatedModel.fused(
            loaded.embedder(), FusedModel.open(Path.of(loaded.source())), lfw);
      }
      if (FeatureModel.isFeatureModel(Path.of(loaded.source()))) {
        return EvaluatedModel.features(
            loaded.embedder(), FeatureModel.open(Path.of(loaded.source())), lfw);
      }
      Optional<ModelBundle> bundle =
          loaded.embedder() instanceof PixelEmbedder
              ? Optional.empty()
              : Optional.of(ModelBundle.open(Path.of(loaded.source())));
      bundle.ifPresent(this::refuseSeenTestPhotos);
      return EvaluatedModel.of(loaded.embedder(), bundle, lfw);
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
  }

  /**
   * A model trained on the seed subset's train photos may only be clustered on that split's test
   * photos: another {@code --seed} splits differently, and its test photos were trained on.
   */
  private void refuseSeenTestPhotos(ModelBundle bundle) {
    SeedSubset asked = EvaluationSettings.DEFAULT.withSeed(seed).seedSubset();
    TrainingIdentities.seedSubset(bundle.metadata())
        .filter(trained -> !trained.equals(asked))
        .ifPresent(
            trained -> {
              throw new IllegalArgumentException(
                  "model "
                      + bundle.modelId()
                      + " was trained on the seed subset's train photos as seed "
                      + trained.seed()
                      + " splits them, so --seed "
                      + seed
                      + " would test it on photos it"
                      + " trained on; evaluate it with --seed "
                      + trained.seed());
            });
  }

  /**
   * For a reference model, which carries no threshold of its own, keeps View 1's threshold (chosen
   * on pairsDevTrain) in the workspace, where {@code --model NAME} finds it later.
   */
  private Optional<Path> calibrate(Workspace workspace, LfwDataset lfw, EvaluationResult result) {
    if (reference.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Calibrations.in(workspace)
              .save(
                  new Calibrations.Calibration(
                      result.modelId(),
                      result.view1().threshold(),
                      result.view1().trainAccuracy(),
                      "pairsDevTrain.txt",
                      lfw.root().toString(),
                      Instant.now(),
                      result.view1().calibration())));
    } catch (IOException e) {
      Path file = Calibrations.in(workspace).file(result.modelId());
      throw new UncheckedIOException(
          "cannot keep the calibrated threshold in " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path defaultReport(Workspace workspace, String modelId) {
    return workspace
        .home()
        .resolve("reports")
        .resolve("evaluate-" + LocalDateTime.now().format(STAMP) + "-" + modelId);
  }

  private static void printSummary(PrintWriter out, EvaluationResult r, Path folder) {
    View2 v2 = r.view2();
    SubsetResult s = r.subset();
    out.printf("model     %s%n", r.description());
    out.printf(
        "View 1    accuracy %.2f%% on pairsDevTest (threshold %.4f chosen on pairsDevTrain)%n",
        r.view1().accuracy() * 100, r.view1().threshold());
    out.printf(
        "View 2    accuracy %.2f%% ± %.2f%%, AUC %.4f, EER %.2f%%",
        v2.accuracy() * 100, v2.standardError() * 100, v2.auc(), v2.equalErrorRate() * 100);
    v2.tarAtFar().forEach((far, tar) -> out.printf(", TAR %.2f%% at FAR %s", tar * 100, far));
    out.println();
    out.printf("          training overlap in pairs.txt: %s%n", overlap(r.view2Overlap()));
    out.printf(
        "min-%d    %d people, %d test faces: ARI %.4f (raw pixels %.4f), identification top-1"
            + " %.2f%%, top-5 %.2f%%%n",
        s.minFaces(),
        s.people(),
        s.testFaces(),
        s.embeddings().ari(),
        s.pixels().ari(),
        s.knn().top1() * 100,
        s.knn().top5() * 100);
    out.printf("report    %s%n", folder.resolve(EvaluationReport.HTML));
    out.flush();
  }

  private static String overlap(Optional<TrainingOverlap> overlap) {
    return overlap
        .map(
            o ->
                o.clean()
                    ? "none"
                    : o.seenPeople()
                        + " of "
                        + o.people()
                        + " people, "
                        + o.pairsWithSeenPerson()
                        + " of "
                        + o.pairs()
                        + " pairs")
        .orElse("unknown (the model does not record its training people)");
  }
}
