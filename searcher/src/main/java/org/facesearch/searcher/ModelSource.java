package org.facesearch.searcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.facesearch.data.Workspace;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.model.Embedder;
import org.facesearch.model.PixelEmbedder;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.TeacherSpace;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.fusion.FusedModel;
import org.facesearch.model.reference.ChipAlignment;
import org.facesearch.model.reference.ReferenceModel;
import org.facesearch.model.verify.Calibration;

/**
 * Where the CLI and the web server get their model: the one named, else the model the serving index
 * was built with (recorded in its {@code build.json}), else the default model shipped with
 * facesearch (the launcher names its folder in the {@value #DEFAULT_MODEL_PROPERTY} property). A
 * model is a bundle folder written by training, {@code pixels-<size>-<rgb|grey>}, the raw-pixel
 * baseline, which needs no training, or the name of a pretrained {@link ReferenceModel} (e.g.
 * {@code dlib-resnet}), whose weights are fetched into the workspace on first use and whose
 * threshold is the one {@link Calibrations} holds for it.
 */
public final class ModelSource {
  /**
   * The key of the calibrated verification threshold (a cosine similarity) in model.json's metrics.
   */
  public static final String THRESHOLD_METRIC = "threshold";

  /** System property naming the shipped default model's folder; set by the launcher scripts. */
  public static final String DEFAULT_MODEL_PROPERTY = "facesearch.defaultModel";

  private static final Pattern PIXELS = Pattern.compile("pixels-(\\d{1,4})-(rgb|grey)");

  private ModelSource() {}

  /**
   * The model named by {@code model} (may be null), else the one {@code index}'s serving build was
   * made with.
   *
   * @throws IllegalArgumentException when neither names a model
   * @throws org.facesearch.model.bundle.InvalidModelBundleException for a damaged bundle
   */
  public static LoadedModel resolve(String model, GalleryIndex index) {
    if (model != null) {
      return load(model);
    }
    Optional<Build> current = index.current();
    if (current.isPresent()) {
      return load(current.get().manifest().modelSource());
    }
    Optional<Path> shipped = shippedDefault();
    if (shipped.isPresent()) {
      return load(shipped.get().toString());
    }
    throw new InvalidSettingException(
        "no model given, no index at "
            + index.location()
            + " to take it from, and no default model shipped with this copy of facesearch: name"
            + " one with ",
        SearchSetting.MODEL,
        ": a model bundle folder or pixels-32-grey (the raw-pixel baseline)");
  }

  /** The default model shipped with facesearch, if the launcher named one and it is there. */
  public static Optional<Path> shippedDefault() {
    String folder = System.getProperty(DEFAULT_MODEL_PROPERTY);
    if (folder == null || folder.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(folder);
    return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
  }

  /**
   * Loads a bundle folder or a built-in model by name.
   *
   * @throws org.facesearch.model.bundle.InvalidModelBundleException for a damaged bundle
   * @throws org.facesearch.data.assets.AssetException when a reference model's weights cannot be
   *     fetched or are damaged
   */
  public static LoadedModel load(String model) {
    Optional<ReferenceModel> reference = ReferenceModel.named(model);
    if (reference.isPresent()) {
      return loadReference(model, reference.get(), Workspace.fromEnvironment(System.getenv()));
    }
    Matcher pixels = PIXELS.matcher(model);
    if (pixels.matches()) {
      ColorMode color = ColorMode.valueOf(pixels.group(2).toUpperCase(Locale.ROOT));
      Preprocessing preprocessing =
          new Preprocessing(CropBox.SEED, color, Integer.parseInt(pixels.group(1)));
      return new LoadedModel(
          new PixelEmbedder(preprocessing), model, OptionalDouble.empty(), Map.of());
    }
    if (FusedModel.isFusedModel(Path.of(model))) {
      FusedModel fused = FusedModel.open(Path.of(model));
      Map<String, Double> metrics = fused.training().metrics();
      return new LoadedModel(
          fused.embedder(part -> load(part.toString()).embedder()),
          fused.directory().toString(),
          threshold(metrics),
          metrics);
    }
    if (FeatureModel.isFeatureModel(Path.of(model))) {
      return loadFeatures(FeatureModel.open(Path.of(model)));
    }
    ModelBundle bundle = ModelBundle.open(Path.of(model));
    Map<String, Double> metrics = bundle.metadata().training().metrics();
    return new LoadedModel(
        bundle.embedder(DeviceChoice.AUTO),
        bundle.directory().toString(),
        threshold(metrics),
        metrics);
  }

  /**
   * The teacher of the distilled student {@code student}, embedding into the student's space
   * ({@link TeacherSpace}): for a gallery the student's queries search. The caller closes it.
   *
   * @throws NoTeacherSpaceException when {@code student} is not a distilled bundle, learnt from a
   *     teacher that is not a built-in model, or has no teacher space made yet
   */
  public static Embedder teacherSpace(LoadedModel student) {
    Path folder = Path.of(student.source());
    if (!Files.isDirectory(folder)
        || FusedModel.isFusedModel(folder)
        || FeatureModel.isFeatureModel(folder)) {
      throw new NoTeacherSpaceException(
          student.source()
              + " is not a distilled model bundle, so it has no teacher to embed a gallery");
    }
    ModelBundle bundle = ModelBundle.open(folder);
    TeacherSpace space =
        bundle
            .teacherSpace()
            .orElseThrow(
                () ->
                    new NoTeacherSpaceException(
                        bundle.metadata().training().hyperparameters().containsKey("teacher")
                            ? student.source()
                                + " has no teacher space yet; make it with `facesearch models"
                                + " teacher-space --model "
                                + student.source()
                                + "`"
                            : student.source()
                                + " learnt from no teacher, so none can embed its gallery"));
    return space.embedder(
        builtInTeacher(space.teacher(), student.source()),
        student.embedder().modelId(),
        student.embedder().dimension());
  }

  /**
   * The built-in model whose embeddings' id is {@code teacherId} (a distilled bundle's recorded
   * {@code teacher}), loaded as it was when the bundle learnt from it.
   *
   * @throws NoTeacherSpaceException when no built-in model of this version has that id
   */
  public static Embedder builtInTeacher(String teacherId, String student) {
    for (ReferenceModel reference : ReferenceModel.all()) {
      for (ChipAlignment alignment : ChipAlignment.values()) {
        ReferenceModel aligned = reference.withAlignment(alignment);
        for (boolean flip : new boolean[] {false, true}) {
          if (aligned.modelId(flip).equals(teacherId)) {
            TorchRuntime runtime =
                TorchRuntime.start(EngineOptions.fromEnvironment(DeviceChoice.AUTO));
            return aligned.embedder(
                AssetStore.in(Workspace.fromEnvironment(System.getenv())), runtime, flip);
          }
        }
      }
    }
    throw new NoTeacherSpaceException(
        student
            + " learnt from "
            + teacherId
            + ", which is not a built-in model of this version; only a built-in teacher can embed a"
            + " gallery");
  }

  /** A model without a network; only its face alignment's landmark network needs PyTorch. */
  private static LoadedModel loadFeatures(FeatureModel model) {
    TorchRuntime runtime = TorchRuntime.start(EngineOptions.fromEnvironment(DeviceChoice.AUTO));
    Map<String, Double> metrics = model.training().metrics();
    return new LoadedModel(
        model.embedder(
            runtime,
            AssetStore.in(Workspace.fromEnvironment(System.getenv())),
            model.testTimeFlip()),
        model.directory().toString(),
        threshold(metrics),
        metrics);
  }

  /** The verdict follows the probability: a calibrated model's threshold is where it is 50 %. */
  private static OptionalDouble threshold(Map<String, Double> metrics) {
    Double threshold =
        Calibration.fromMetrics(metrics)
            .flatMap(Calibration::evenOddsScore)
            .filter(score -> score >= -1 && score <= 1)
            .orElse(metrics.get(THRESHOLD_METRIC));
    return threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold);
  }

  /**
   * A reference model (called {@code name} on the command line) with its weights from the
   * workspace's asset store and the threshold calibrated for its id in the workspace, if any.
   */
  static LoadedModel loadReference(String name, ReferenceModel reference, Workspace workspace) {
    TorchRuntime runtime = TorchRuntime.start(EngineOptions.fromEnvironment(DeviceChoice.AUTO));
    var embedder = reference.embedder(AssetStore.in(workspace), runtime, reference.testTimeFlip());
    Map<String, Double> metrics =
        Calibrations.in(workspace)
            .find(embedder.modelId())
            .map(Calibrations.Calibration::asMetrics)
            .orElse(Map.of());
    return new LoadedModel(embedder, name, threshold(metrics), metrics);
  }
}
