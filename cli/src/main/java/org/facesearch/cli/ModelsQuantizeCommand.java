package org.facesearch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.Int8Calibration;
import org.facesearch.model.bundle.InvalidModelBundleException;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.onnx.Equalization;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.quantize.Int8Quantizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code facesearch models quantize}: an int8 calibration for a trained bundle. */
@Command(
    name = "quantize",
    mixinStandardHelpOptions = true,
    description = {
      "Calibrate a trained network for int8 inference on ONNX Runtime: read its activations'"
          + " ranges off peopleDevTrain faces, compare int8 with fp32 on every face of LFW's View 1"
          + " pairs, and write int8.json into the bundle only if int8 keeps its answers (View 1 at"
          + " most 0.5 points lower, mean cosine to fp32 at least 0.995). Then every command runs"
          + " the bundle in int8 on the CPU (--precision fp32 or bf16 asks for another)."
    })
public final class ModelsQuantizeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "The trained bundle (a folder with model.json and weights.params).")
  Path model;

  @Option(
      names = "--faces",
      paramLabel = "N",
      description = "peopleDevTrain faces to read the ranges off (default: 256).")
  int faces = 256;

  @Option(names = "--seed", paramLabel = "N", description = "Which faces (default: 7).")
  long seed = 7;

  @Option(
      names = "--force",
      description =
          "Calibrate again even when the bundle has an int8.json for its weights already.")
  boolean force;

  @Mixin LfwDataOption data;

  @Override
  public void run() {
    if (faces < 1) {
      throw new IllegalArgumentException("--faces must be at least 1, got " + faces);
    }
    ModelBundle bundle = ModelBundle.open(model);
    if (!force) {
      // A nightly job may run this after every training: unchanged weights need nothing. A file
      // made for other weights, or damaged, is what this command replaces (its message says so).
      Optional<Int8Calibration> existing;
      try {
        existing = bundle.int8Calibration();
      } catch (InvalidModelBundleException e) {
        System.err.println("replacing it: " + e.getMessage());
        existing = Optional.empty();
      }
      if (existing.isPresent()) {
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "up to date (%s was made for these weights on %s; --force makes it again)%n",
                bundle.directory().resolve(Int8Calibration.FILE),
                existing.get().created());
        spec.commandLine().getOut().flush();
        return;
      }
    }
    Map<String, String> env = System.getenv();
    Workspace workspace = Workspace.fromEnvironment(env);
    LfwDataset lfw = data.open(env, workspace);
    TorchRuntime runtime = TorchRuntime.start(EngineOptions.fromEnvironment(DeviceChoice.CPU));
    AssetStore assets = AssetStore.in(workspace);
    PrintStream log = System.err;
    Int8Quantizer.Result result;
    try (Embedder fp32 =
            bundle.embedder(
                runtime,
                bundle.metadata().spec().testTimeFlip(),
                Precision.FP32,
                assets,
                InferenceRuntime.ONNXRUNTIME);
        CachedCrops crops = fp32.cachedCrops(CropCache.in(workspace), lfw)) {
      Set<String> people =
          new HashSet<>(PeopleFile.read(lfw.protocolFile(TrainingData.TRAIN_PEOPLE)).names());
      List<Integer> candidates = new ArrayList<>();
      for (int i = 0; i < crops.size(); i++) {
        if (people.contains(crops.image(i).identity())) {
          candidates.add(i);
        }
      }
      Collections.shuffle(candidates, new Random(seed));
      List<Integer> sample = candidates.subList(0, Math.min(faces, candidates.size()));
      log.printf(
          Locale.ROOT,
          "reading the activations' ranges off %d peopleDevTrain faces%s, then comparing int8"
              + " with fp32 on View 1's faces ...%n",
          sample.size(),
          bundle.metadata().spec().testTimeFlip() ? " and their mirror images" : "");
      result =
          Int8Quantizer.quantize(
              bundle,
              fp32,
              runtime,
              assets,
              crops,
              sample,
              ProtocolPairs.of(lfw, crops, TrainingData.THRESHOLD_PAIRS),
              ProtocolPairs.of(lfw, crops, TrainingData.TEST_PAIRS),
              Int8Calibration.DEFAULT_WEIGHT_LEVELS,
              String.format(
                  Locale.ROOT,
                  "LFW %s, %d faces (seed %d)%s",
                  TrainingData.TRAIN_PEOPLE,
                  sample.size(),
                  seed,
                  bundle.metadata().spec().testTimeFlip() ? " and their mirror images" : ""));
    }
    Equalization chosen = result.calibration().equalization();
    String measured =
        String.format(
            Locale.ROOT,
            "int8 against fp32 on %,d faces: cosine mean %.5f, min %.5f; View 1 %.4f against"
                + " %.4f; %s (cosine mean %.5f %s)",
            result.faces(),
            result.cosineMean(),
            result.cosineMin(),
            result.view1Int8(),
            result.view1Fp32(),
            chosen == Equalization.CROSS_LAYER
                ? "residual branches balanced first"
                : "residual branches as trained",
            result.cosineMeanBy().get(other(chosen)),
            chosen == Equalization.CROSS_LAYER ? "without balancing" : "balanced");
    if (!result.keepsAnswers()) {
      throw new IllegalStateException(
          measured + ": int8 does not keep this model's answers, so nothing was written");
    }
    try {
      result.calibration().writeInto(bundle.directory());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + bundle.directory().resolve(Int8Calibration.FILE) + ": " + e, e);
    }
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "wrote %s (%d activation ranges); %s%n",
            bundle.directory().resolve(Int8Calibration.FILE),
            result.calibration().ranges().size(),
            measured);
    spec.commandLine().getOut().flush();
  }

  private static Equalization other(Equalization e) {
    return e == Equalization.NONE ? Equalization.CROSS_LAYER : Equalization.NONE;
  }
}
