package org.facesearch.model.bundle;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.facesearch.data.FileTrees;
import org.facesearch.data.Workspace;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.setting.SettingMessage;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.EngineSetting;
import org.facesearch.model.engine.EngineSetupException;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.onnx.ActivationRange;
import org.facesearch.model.onnx.Equalization;
import org.facesearch.model.onnx.OnnxNetwork;
import org.facesearch.model.reference.ReferenceModel;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained model on disk: a folder holding {@value #WEIGHTS_FILE} (the network's parameters) and
 * {@value #METADATA_FILE} (what the network is, how inputs are prepared, how it was trained, and
 * the weights' SHA-256). Written atomically; opened with every field and the hash checked.
 */
public final class ModelBundle {
  public static final String METADATA_FILE = "model.json";
  public static final String WEIGHTS_FILE = "weights.params";

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          // Newer writers may add fields; what this version needs is checked field by field.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path directory;
  private final BundleMetadata metadata;

  private ModelBundle(Path directory, BundleMetadata metadata) {
    this.directory = directory;
    this.metadata = metadata;
  }

  /**
   * Writes {@code network}'s parameters and the metadata into a new folder {@code directory}:
   * everything goes to a temporary folder beside it first, which is then renamed, so a crash leaves
   * either the complete bundle or none. An existing {@code directory} is never replaced.
   */
  public static ModelBundle write(
      Path directory, ModelSpec spec, TrainingRecord training, FaceNetwork network)
      throws IOException {
    if (network.architecture() != spec.architecture() || network.head() != spec.head()) {
      throw new IllegalArgumentException(
          "network is "
              + network.architecture().id()
              + " with head '"
              + network.head().id()
              + "' but the spec says "
              + spec.architecture().id()
              + " with head '"
              + spec.head().id()
              + "'");
    }
    if (!network.isInitialized()) {
      throw new IllegalArgumentException("network has no parameters yet; initialise or train it");
    }
    Path target = directory.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      throw new IOException(
          "model bundle folder " + target + " already exists; choose a new folder or remove it");
    }
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
    try {
      String sha = WeightsFile.write(network, temp.resolve(WEIGHTS_FILE));
      BundleMetadata metadata = new BundleMetadata(spec, training, sha);
      Files.write(temp.resolve(METADATA_FILE), JSON.writeValueAsBytes(ModelJson.of(metadata)));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return new ModelBundle(target, metadata);
    } catch (IOException | RuntimeException e) {
      try {
        deleteRecursively(temp);
      } catch (UncheckedIOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * Reads and checks a bundle's metadata and weights hash, without starting PyTorch; the weights
   * are loaded by {@link #loadNetwork} and {@link #embedder}.
   *
   * @throws InvalidModelBundleException naming the folder or file and what is wrong with it
   */
  public static ModelBundle open(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    if (!Files.exists(dir)) {
      throw new InvalidModelBundleException("model bundle " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new InvalidModelBundleException(
          "model bundle "
              + dir
              + " is a file; a bundle is a folder holding "
              + METADATA_FILE
              + " and "
              + WEIGHTS_FILE);
    }
    Path json = dir.resolve(METADATA_FILE);
    Path weights = dir.resolve(WEIGHTS_FILE);
    for (Path required : new Path[] {json, weights}) {
      if (!Files.isRegularFile(required)) {
        throw new InvalidModelBundleException(
            "model bundle "
                + dir
                + " has no "
                + required.getFileName()
                + " (is it a facesearch model bundle?)");
      }
    }
    BundleMetadata metadata;
    try {
      metadata = JSON.readValue(Files.readAllBytes(json), ModelJson.class).toMetadata(json);
    } catch (JacksonException e) {
      String at =
          e.getLocation() == null || e.getLocation().getLineNr() < 0
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new InvalidModelBundleException(
          json + " is not valid model metadata: " + e.getOriginalMessage() + at, e);
    } catch (IOException e) {
      throw unreadable(json, e);
    }
    String actual;
    try {
      actual = WeightsFile.sha256Of(weights);
    } catch (IOException e) {
      throw unreadable(weights, e);
    }
    if (!actual.equals(metadata.weightsSha256())) {
      throw WeightsFile.damaged(weights, actual, metadata.weightsSha256());
    }
    return new ModelBundle(dir, metadata);
  }

  public Path directory() {
    return directory;
  }

  public BundleMetadata metadata() {
    return metadata;
  }

  /** The id of this bundle's embeddings as recorded; see {@link BundleMetadata#modelId()}. */
  public String modelId() {
    return metadata.modelId();
  }

  /**
   * The bundle's int8 calibration ({@value Int8Calibration#FILE}), if it has one.
   *
   * @throws InvalidModelBundleException when the file is damaged or was made for other weights
   */
  public Optional<Int8Calibration> int8Calibration() {
    Path file = directory.resolve(Int8Calibration.FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Int8Calibration calibration = Int8Calibration.read(file);
    if (!calibration.weightsSha256().equals(metadata.weightsSha256())) {
      throw new InvalidModelBundleException(
          file
              + " was made for other weights (SHA-256 "
              + calibration.weightsSha256().substring(0, 12)
              + ", these are "
              + metadata.weightsSha256().substring(0, 12)
              + "); make it again with `facesearch models quantize --model "
              + directory
              + "`, or delete it to run in fp32");
    }
    return Optional.of(calibration);
  }

  /**
   * Where the bundle's teacher puts faces in its space ({@value TeacherSpace#FILE}), if it has been
   * made ({@code facesearch models teacher-space}).
   *
   * @throws InvalidModelBundleException when the file is damaged or names another teacher than the
   *     one the bundle learnt from
   */
  public Optional<TeacherSpace> teacherSpace() {
    Path file = directory.resolve(TeacherSpace.FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    TeacherSpace space = TeacherSpace.read(file);
    Object learntFrom = metadata.training().hyperparameters().get("teacher");
    if (!space.teacher().equals(learntFrom)) {
      throw new InvalidModelBundleException(
          file
              + " is "
              + space.teacher()
              + "'s space, but this model learnt from "
              + (learntFrom == null ? "no teacher" : learntFrom)
              + "; delete it, or make it again with `facesearch models teacher-space --model "
              + directory
              + "`");
    }
    return Optional.of(space);
  }

  /**
   * The network with the bundle's weights, arrays on {@code manager} (for inference: its parameters
   * do not collect gradients).
   *
   * @throws InvalidModelBundleException when the weights are damaged or do not fit the spec
   */
  public FaceNetwork loadNetwork(NDManager manager) {
    return WeightsFile.read(directory.resolve(WEIGHTS_FILE), metadata, manager);
  }

  /** An embedder on {@code runtime}'s device with the recorded flip setting. */
  public Embedder embedder(TorchRuntime runtime) {
    return embedder(runtime, metadata.spec().testTimeFlip());
  }

  /**
   * An embedder on {@code runtime}'s device; {@code testTimeFlip} overrides the recorded setting
   * (and so changes the embedder's {@link Embedder#modelId()}).
   */
  public Embedder embedder(TorchRuntime runtime, boolean testTimeFlip) {
    return embedder(runtime, testTimeFlip, Precision.configured());
  }

  /**
   * {@link #embedder(TorchRuntime, boolean)} computing in {@code precision} ({@link
   * Precision#AUTO}: int8 on the CPU for a calibrated bundle, else bf16 on a CPU with native bf16,
   * else fp32). The weights stay fp32 either way.
   */
  public Embedder embedder(TorchRuntime runtime, boolean testTimeFlip, Precision precision) {
    return embedder(
        runtime,
        testTimeFlip,
        precision,
        AssetStore.in(Workspace.fromEnvironment(System.getenv())));
  }

  /**
   * {@link #embedder(TorchRuntime, boolean, Precision)} with the files of the bundle's face
   * alignment (if it has one: the detector and landmark network) from {@code assets}, fetched into
   * it on first use.
   *
   * @throws org.facesearch.data.assets.AssetException when the alignment's files cannot be fetched
   *     or are damaged
   */
  public Embedder embedder(
      TorchRuntime runtime, boolean testTimeFlip, Precision precision, AssetStore assets) {
    return embedder(runtime, testTimeFlip, precision, assets, InferenceRuntime.configured());
  }

  /**
   * {@link #embedder(TorchRuntime, boolean, Precision, AssetStore)} with its passes on {@code
   * inference} ({@link InferenceRuntime#AUTO}: ONNX Runtime on a CPU in fp32, else PyTorch).
   *
   * @throws EngineSetupException when ONNX Runtime is asked for by name and cannot run this network
   *     (bf16, or an architecture without an ONNX export)
   */
  public Embedder embedder(
      TorchRuntime runtime,
      boolean testTimeFlip,
      Precision precision,
      AssetStore assets,
      InferenceRuntime inference) {
    return embedder(runtime, testTimeFlip, precision, assets, inference, this::int8Calibration);
  }

  /**
   * An embedder in int8 on ONNX Runtime from {@code calibration}, which need not be written yet:
   * what {@code facesearch models quantize} measures before it writes one.
   */
  public Embedder int8Embedder(
      TorchRuntime runtime, AssetStore assets, Int8Calibration calibration) {
    return embedder(
        runtime,
        metadata.spec().testTimeFlip(),
        Precision.INT8,
        assets,
        InferenceRuntime.ONNXRUNTIME,
        () -> Optional.of(calibration));
  }

  /**
   * The ranges of the activations {@link FaceNetwork#toOnnxInt8} stores, read off {@code faces}
   * (prepared for this model; with their mirror images when it averages them), for {@code
   * weightLevels}-level weights and the export balanced as {@code equalization} says. Runs the fp32
   * export on ONNX Runtime.
   */
  public Int8Calibration calibrateInt8(
      TorchRuntime runtime,
      List<FaceCrop> faces,
      int weightLevels,
      Equalization equalization,
      String calibrationData) {
    ModelSpec spec = metadata.spec();
    if (!FaceNetwork.exportsToOnnx(
        spec.architecture(), spec.head(), spec.embedding() == EmbeddingSource.HEAD)) {
      throw new IllegalArgumentException(
          metadata.modelId() + " runs on PyTorch only; it has no int8 export to calibrate");
    }
    int size = spec.input().size();
    int channels = spec.input().channels();
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork network = loadNetwork(manager);
      FaceNetwork.ProbedExport probed =
          network.toOnnxProbed(channels, spec.embedding() == EmbeddingSource.HEAD, equalization);
      List<float[]> batches = new ArrayList<>();
      for (int start = 0; start < faces.size(); start += 32) {
        List<FaceCrop> batch = new ArrayList<>();
        for (FaceCrop face : faces.subList(start, Math.min(faces.size(), start + 32))) {
          batch.add(face);
          if (spec.testTimeFlip()) {
            batch.add(face.mirrored());
          }
        }
        try (NDManager scope = manager.newSubManager()) {
          batches.add(spec.input().tensor(scope, batch).toFloatArray());
        }
      }
      double[][] ranges =
          OnnxNetwork.outputRanges(
              metadata.modelId(), probed.onnx(), channels, size, size, batches);
      List<ActivationRange> covering = new ArrayList<>();
      for (double[] r : ranges) {
        covering.add(ActivationRange.covering(r[0], r[1]));
      }
      return new Int8Calibration(
          metadata.weightsSha256(),
          weightLevels,
          equalization,
          faces.size(),
          calibrationData,
          covering,
          Map.of(),
          Instant.now());
    }
  }

  private Embedder embedder(
      TorchRuntime runtime,
      boolean testTimeFlip,
      Precision precision,
      AssetStore assets,
      InferenceRuntime inference,
      Supplier<Optional<Int8Calibration>> calibrations) {
    Precision resolved = precision.resolve(runtime.device());
    ModelSpec spec = metadata.spec().withTestTimeFlip(testTimeFlip);
    boolean exportable =
        FaceNetwork.exportsToOnnx(
            spec.architecture(), spec.head(), spec.embedding() == EmbeddingSource.HEAD);
    boolean onCpu = Device.Type.CPU.equals(runtime.device().getDeviceType());
    // Read only where int8 could be chosen: a damaged int8.json must not stop fp32 by name.
    Optional<Int8Calibration> calibration =
        resolved == Precision.INT8
                || (precision == Precision.AUTO
                    && onCpu
                    && exportable
                    && inference != InferenceRuntime.PYTORCH)
            ? calibrations.get()
            : Optional.empty();
    if (resolved == Precision.INT8) {
      if (calibration.isEmpty() || !exportable) {
        throw new EngineSetupException(
            SettingMessage.of(
                EngineSetting.PRECISION,
                " int8: "
                    + metadata.modelId()
                    + (exportable
                        ? " has no int8 calibration; make one with `facesearch models quantize"
                            + " --model "
                            + directory
                            + "`, or ask for fp32"
                        : " runs on PyTorch only, in fp32; ask for fp32")));
      }
    } else if (calibration.isPresent()) {
      // A calibrated network's fastest setting that keeps its answers, on every CPU measured: int8
      // (the calibration records how closely it agreed with fp32). Even where the CPU computes
      // bf16 natively, ONNX Runtime's int8 passed PyTorch's bf16: 1.69x on an AVX-512 BF16 EPYC,
      // 1.32x on an AMX Xeon (BENCHMARKS.md section 3).
      resolved = Precision.INT8;
    }
    inference
        .whyNot(resolved, exportable, metadata.modelId() + " (" + spec.architecture().id() + ")")
        .ifPresent(
            message -> {
              throw new EngineSetupException(message);
            });
    boolean onOnnxRuntime =
        inference.resolve(runtime.device(), resolved, exportable) == InferenceRuntime.ONNXRUNTIME;
    Optional<FaceAlignment> aligner =
        ReferenceModel.openInputAlignment(spec.alignment(), assets, runtime);
    NDManager manager = runtime.newManager();
    Optional<OnnxNetwork> exported = Optional.empty();
    try {
      FaceNetwork network = loadNetwork(manager);
      if (onOnnxRuntime) {
        int size = spec.input().size();
        int channels = spec.input().channels();
        boolean head = spec.embedding() == EmbeddingSource.HEAD;
        byte[] onnx =
            resolved == Precision.INT8
                ? network.toOnnxInt8(
                    channels,
                    head,
                    calibration.orElseThrow().ranges(),
                    calibration.orElseThrow().weightLevels(),
                    calibration.orElseThrow().equalization())
                : network.toOnnx(channels, head);
        exported =
            Optional.of(
                OnnxNetwork.load(
                    metadata.modelId() + (resolved == Precision.INT8 ? " (int8)" : ""),
                    onnx,
                    channels,
                    size,
                    size,
                    spec.embeddingDim()));
      }
      return new NetworkEmbedder(
          metadata.modelId(testTimeFlip), spec, manager, network, resolved, aligner, exported);
    } catch (RuntimeException e) {
      exported.ifPresent(OnnxNetwork::close);
      manager.close();
      aligner.ifPresent(FaceAlignment::close);
      throw e;
    }
  }

  /**
   * An embedder on the chosen device, starting PyTorch if need be with the libtorch named by
   * {@value EngineOptions#LIBTORCH_ENV} (else the bundled one).
   */
  public Embedder embedder(DeviceChoice device) {
    return embedder(TorchRuntime.start(EngineOptions.fromEnvironment(device)));
  }

  private static InvalidModelBundleException unreadable(Path file, IOException e) {
    String reason =
        e instanceof AccessDeniedException
            ? "permission denied"
            : e instanceof NoSuchFileException ? "it disappeared" : e.toString();
    return new InvalidModelBundleException("cannot read " + file + ": " + reason, e);
  }

  private static void deleteRecursively(Path root) {
    try {
      FileTrees.deleteTree(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove temporary folder " + root, e);
    }
  }
}
