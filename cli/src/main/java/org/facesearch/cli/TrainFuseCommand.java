package org.facesearch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.fusion.FusedEmbedder;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.ModelSource;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.fusion.FusionTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code facesearch train fuse}: two trained models' cosines, weighted, as one model. */
@Command(
    name = "fuse",
    mixinStandardHelpOptions = true,
    description = {
      "Fuse two trained models that align faces alike (e.g. train lbp's and a network trained with"
          + " --align dlib-landmarks68): the first's weight is chosen on pairsDevTrain, the fused"
          + " model measured on pairsDevTest, and both copied into the new folder."
    })
public final class TrainFuseCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--models",
      required = true,
      split = ",",
      paramLabel = "DIR,DIR",
      description = "The two model folders to fuse.")
  List<Path> models;

  @Mixin NewFolderOption out;

  @Mixin LfwDataOption data;

  @Override
  public void run() {
    Path target = out.target();
    if (models.size() != 2) {
      throw new IllegalArgumentException("--models takes two model folders, got " + models.size());
    }
    List<TrainingRecord> records = new ArrayList<>();
    for (Path model : models) {
      records.add(record(model));
    }
    Map<String, String> env = System.getenv();
    Workspace workspace = Workspace.fromEnvironment(env);
    LfwDataset lfw = data.open(env, workspace);
    List<LoadedModel> loaded = new ArrayList<>();
    try {
      for (Path model : models) {
        loaded.add(ModelSource.load(model.toString()));
      }
      List<Embedder> parts = loaded.stream().map(LoadedModel::embedder).toList();
      // Before the crop cache, which may take minutes to build for the first part.
      FusedEmbedder.requireFusable(parts);
      try (CachedCrops crops = parts.get(0).cachedCrops(CropCache.in(workspace), lfw)) {
        FusionTrainer.Result result =
            FusionTrainer.fuse(
                parts,
                models,
                crops,
                ProtocolPairs.of(lfw, crops, TrainingData.THRESHOLD_PAIRS),
                ProtocolPairs.of(lfw, crops, TrainingData.TEST_PAIRS),
                hyperparameters(records),
                crops.fingerprint(),
                new FacesearchCommand.Version().getVersion()[0],
                target);
        Map<String, Double> metrics = result.model().training().metrics();
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "wrote %s (%s): weight %.2f on %s, View 1 %.4f (the parts alone: %.4f and %.4f)%n",
                result.model().directory(),
                result.model().modelId(),
                result.weight(),
                models.get(0),
                metrics.get("view1Accuracy"),
                metrics.get("view1AccuracyPart1"),
                metrics.get("view1AccuracyPart2"));
        spec.commandLine().getOut().flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      loaded.forEach(LoadedModel::close);
    }
  }

  /** A trained model folder's record; built-in models have none to fuse by. */
  private static TrainingRecord record(Path folder) {
    if (FeatureModel.isFeatureModel(folder)) {
      return FeatureModel.open(folder).training();
    }
    if (Files.isDirectory(folder)) {
      return ModelBundle.open(folder).metadata().training();
    }
    throw new IllegalArgumentException(
        "--models takes trained model folders; " + folder + " is not a folder");
  }

  /** What the fused model learned from: both parts' records, and their people if they agree. */
  private Map<String, Object> hyperparameters(List<TrainingRecord> records) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> data = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      Map<String, Object> h = records.get(i).hyperparameters();
      out.put("part" + (i + 1), models.get(i).toString());
      out.put("part" + (i + 1) + "Objective", String.valueOf(h.get("objective")));
      data.add(String.valueOf(h.getOrDefault("trainingData", "LFW peopleDevTrain")));
    }
    Object source = records.get(0).hyperparameters().get("trainingPeopleSource");
    if (source != null
        && records.stream()
            .allMatch(
                r -> Objects.equals(source, r.hyperparameters().get("trainingPeopleSource")))) {
      out.put("trainingPeopleSource", source);
    }
    out.put(
        "trainingData",
        data.stream().distinct().count() == 1 ? data.get(0) : String.join("; ", data));
    return out;
  }
}
