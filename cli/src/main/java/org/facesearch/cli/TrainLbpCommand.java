package org.facesearch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.cache.CropCache;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.reference.ReferenceModel;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.features.FeatureModelTrainer;
import org.facesearch.trainer.features.FeatureTrainingListener;
import org.facesearch.trainer.features.FeatureTrainingSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code facesearch train lbp}: the LFW-only model without a network. */
@Command(
    name = "lbp",
    mixinStandardHelpOptions = true,
    description = {
      "Fit a model without a network on LFW's peopleDevTrain people alone: multi-scale LBP"
          + " histograms of the dlib-aligned face, PCA-whitened, projected onto the directions in"
          + " which one person's photos vary least. About 5 minutes on two cores; needs no"
          + " --resume."
    })
public final class TrainLbpCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin NewFolderOption out;

  @Option(
      names = "--pca",
      split = ",",
      paramLabel = "N[,N...]",
      description = "PCA sizes to choose from on the validation people (default: 400,600,800).")
  List<Integer> pca;

  @Option(
      names = "--dims",
      split = ",",
      paramLabel = "N[,N...]",
      description = "Output (embedding) sizes to choose from (default: 200,300,400).")
  List<Integer> dims;

  @Option(
      names = "--unsupervised",
      description =
          "Never read who is in a training photo: the model is the whitened PCA of the"
              + " descriptors alone (each PCA size is its own output size; --dims does not apply)."
              + " The held-out people's pairs still choose between PCA sizes when --pca gives"
              + " more than one.")
  boolean unsupervised;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Validation people and PCA sketch (default: 1).")
  long seed = 1;

  @Option(
      names = "--validation-pairs",
      paramLabel = "N",
      description = "Pairs of held-out people the sizes are chosen on (default: 1000).")
  int validationPairs = 1000;

  @Option(
      names = "--people",
      split = ",",
      paramLabel = "NAME[,NAME...]",
      hidden = true,
      description = "Train on these peopleDevTrain people only (for small runs and tests).")
  List<String> people;

  @Mixin LfwDataOption data;

  @Override
  public void run() {
    Path target = out.target();
    FeatureTrainingSettings defaults = FeatureTrainingSettings.defaults();
    FeatureTrainingSettings settings =
        defaults
            .withSizes(
                pca == null ? defaults.pcaDims() : pca, dims == null ? defaults.outputDims() : dims)
            .withSeed(seed)
            .withValidation(defaults.validationFraction(), validationPairs)
            .withCodeVersion(new FacesearchCommand.Version().getVersion()[0]);
    if (unsupervised) {
      if (dims != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--dims does not apply with --unsupervised: each PCA size is its own output size,"
                + " so give the sizes with --pca");
      }
      settings = settings.withoutIdentities();
    }
    Map<String, String> env = System.getenv();
    Workspace workspace = Workspace.fromEnvironment(env);
    LfwDataset lfw = data.open(env, workspace);
    PrintStream log = System.err;
    TorchRuntime runtime = TorchRuntime.start(EngineOptions.fromEnvironment(DeviceChoice.CPU));
    InputAlignment alignment = InputAlignment.DLIB_LANDMARKS_68;
    Optional<FaceAlignment> aligner =
        ReferenceModel.openInputAlignment(alignment, AssetStore.in(workspace), runtime);
    try (TrainingData training =
        TrainingData.load(
            lfw,
            CropCache.in(workspace),
            FeatureModelTrainer.preprocessing(settings.descriptor()),
            aligner,
            TrainingPeople.DEV_TRAIN,
            Optional.ofNullable(people),
            settings.validationFraction(),
            settings.validationPairs(),
            0,
            seed)) {
      FeatureModel model =
          new FeatureModelTrainer(settings, new Progress(log)).train(training, alignment, target);
      Map<String, Double> metrics = model.training().metrics();
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "wrote %s (%s): View 1 %.4f at threshold %.4f, validation AUC %.4f, %.0f s%n",
              model.directory(),
              model.modelId(),
              metrics.get("view1Accuracy"),
              metrics.get("threshold"),
              metrics.get("validationAuc"),
              model.training().trainingSeconds());
      spec.commandLine().getOut().flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      aligner.ifPresent(FaceAlignment::close);
    }
  }

  /** One line per stage, pass and candidate on stderr: the whole fit takes minutes. */
  private record Progress(PrintStream log) implements FeatureTrainingListener {
    @Override
    public void stage(String description) {
      log.println(description + " ...");
    }

    @Override
    public void pass(int pass, int rows, double seconds) {
      log.printf(Locale.ROOT, "  pass %d over %,d descriptors: %.1f s%n", pass, rows, seconds);
    }

    @Override
    public void candidate(int pcaDim, int outputDim, double auc, double accuracy) {
      log.printf(
          Locale.ROOT,
          "  PCA %d, output %d: validation AUC %.4f, accuracy %.4f%n",
          pcaDim,
          outputDim,
          auc,
          accuracy);
    }
  }
}
