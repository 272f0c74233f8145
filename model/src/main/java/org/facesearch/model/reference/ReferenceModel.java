package org.facesearch.model.reference;

import ai.djl.ndarray.NDManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.align.ChipTemplate;
import org.facesearch.data.align.DlibMeanFace;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.align.FaceTemplate;
import org.facesearch.data.align.LandmarkAlignment;
import org.facesearch.data.align.LandmarkLocator;
import org.facesearch.data.assets.AssetFile;
import org.facesearch.data.assets.AssetPack;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.detect.BlazeFaceDetector;
import org.facesearch.data.detect.BlazeFaceModel;
import org.facesearch.data.detect.DetectorOptions;
import org.facesearch.data.detect.FaceDetector;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.input.InputSpec;
import org.facesearch.model.input.Normalization;
import org.facesearch.model.onnx.OnnxNetwork;

/**
 * A pretrained model that facesearch did not train, usable by name wherever a model is: what it is,
 * where its weights come from and under which licence, how its inputs are prepared, and how to
 * build its embedder from the weight files.
 *
 * @param name the name {@code --model} takes, e.g. {@code dlib-resnet}
 * @param description one line saying what the network is
 * @param source where the network and its weights come from
 * @param licence the weights' and the port's licences
 * @param publishedLfwAccuracy LFW accuracy its authors publish (with their own face alignment)
 * @param weights the pinned package holding the weight files
 * @param weightsManifest the TensorFlow.js manifest's path inside {@code weights}
 * @param input crop, colour, size and normalisation of its inputs
 * @param testTimeFlip whether its embeddings average each face with its mirror image by default
 * @param alignment how faces are cut out for it: a fixed square of LFW's frame, or aligned onto its
 *     template from landmarks (the crop cache, model id and calibration follow it)
 */
public record ReferenceModel(
    String name,
    String description,
    String source,
    String licence,
    double publishedLfwAccuracy,
    AssetPack weights,
    String weightsManifest,
    InputSpec input,
    boolean testTimeFlip,
    ChipAlignment alignment) {

  /**
   * The square in LFW's deep-funneled 250x250 frame that best stands in for dlib's 150x150 face
   * chip (landmark alignment with 25% padding) until photos are aligned to dlib's own template:
   * rows 80..200, columns 65..185. Of the boxes tried on the first 800 of View 1's training pairs
   * (sides 110 to 160, centred or moved down by up to 20), it was the most accurate (0.980); the
   * centred 140 box reached 0.921, and moving this one 5 more rows down 0.964. dlib's chip shows
   * less forehead and sits lower on the face than LFW's framing centre.
   */
  public static final CropBox LFW_CHIP = new CropBox(80, 65, 200, 185);

  /** face-api.js's 68-point landmark network, in the same package as the recognition weights. */
  public static final String LANDMARKS_MANIFEST =
      "model/face_landmark_68_model-weights_manifest.json";

  /**
   * How much larger than BlazeFace's box the landmark network's square is. face-api.js feeds it its
   * own detector's box; BlazeFace's is tight (brows to chin). The network barely depends on it: on
   * 60 evenly spaced LFW images its eye centres were 3.14, 3.10, 3.06, 3.07, 3.05 and 3.45 pixels
   * (of 250) from BlazeFace's at margins 0, 0.1, 0.2, 0.3, 0.4 and 0.6, its nose tip 3.6 to 3.9;
   * 0.2 is in the middle of the flat part.
   */
  static final double LANDMARK_MARGIN = 0.2;

  /** dlib's face chip: {@code get_face_chip_details(shape, 150, 0.25)}. */
  private static final double DLIB_PADDING = 0.25;

  /** Normalisation of dlib's ResNet: its mean RGB subtracted, divided by 256, on 0..255. */
  private static final Normalization DLIB_NORMALIZATION =
      new Normalization(
          List.of(122.782f / 255, 117.001f / 255, 104.298f / 255),
          List.of(256f / 255, 256f / 255, 256f / 255));

  /** dlib's {@code dlib_face_recognition_resnet_model_v1}, as face-api.js ships it. */
  public static final ReferenceModel DLIB_RESNET =
      new ReferenceModel(
          "dlib-resnet",
          "dlib's face-recognition ResNet (29 convolutions, 150x150 RGB, 128-d)",
          "dlib_face_recognition_resnet_model_v1 by Davis King (dlib.net), in face-api.js's"
              + " TensorFlow.js port (npm @vladmandic/face-api 1.7.15,"
              + " model/face_recognition_model)",
          "weights: public domain (dlib); TensorFlow.js port: MIT (face-api.js)",
          0.9938,
          new AssetPack(
              // Its own id (not the whole face-api package's): it installs only these four files.
              "face-api-dlib",
              "@vladmandic/face-api",
              "1.7.15",
              "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031",
              "weights public domain (dlib), port MIT (face-api.js)",
              "dlib's face-recognition ResNet and face-api.js's 68-point landmark network",
              List.of(
                  new AssetFile(
                      LANDMARKS_MANIFEST,
                      "ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9",
                      8485),
                  new AssetFile(
                      "model/face_landmark_68_model.bin",
                      "4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b",
                      356840),
                  new AssetFile(
                      "model/face_recognition_model-weights_manifest.json",
                      "cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b",
                      19615),
                  new AssetFile(
                      "model/face_recognition_model.bin",
                      "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589",
                      6444032))),
          "model/face_recognition_model-weights_manifest.json",
          inputFor(ChipAlignment.LANDMARKS_68),
          // Flip averaging: with the fixed crop it was chosen on pairsDevTrain (0.9855 with, 0.9809
          // without); the 68-point default below was measured with it.
          true,
          // dlib's own alignment wins on View 2 (evaluate, same code, same machine): 68 points
          // 99.05% +- 0.09%, fixed LFW crop 97.98% +- 0.20%. The model id follows this line, so
          // indexes and calibrations of the fixed crop are never reused for it.
          ChipAlignment.LANDMARKS_68);

  public ReferenceModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(weights, "weights");
    weights.file(weightsManifest);
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(alignment, "alignment");
  }

  /**
   * What the ResNet is fed: with a fixed crop, {@link #LFW_CHIP} of LFW's frame resized to 150;
   * aligned, the whole 150x150 chip as the alignment made it.
   */
  private static InputSpec inputFor(ChipAlignment alignment) {
    CropBox crop = alignment == ChipAlignment.FIXED ? LFW_CHIP : CropBox.FULL;
    return new InputSpec(
        new Preprocessing(crop, ColorMode.RGB, DlibResNet.INPUT_SIZE), DLIB_NORMALIZATION);
  }

  /** Every reference model facesearch knows. */
  public static List<ReferenceModel> all() {
    return List.of(DLIB_RESNET);
  }

  /**
   * The reference model called {@code name}, if there is one: {@code <name>}, optionally followed
   * by an alignment ({@code -fixed}, {@code -blazeface}, {@code -landmarks68}) and then by {@code
   * -flip} or {@code -noflip} (flip averaging on or off instead of the default), e.g. {@code
   * dlib-resnet-fixed-noflip}.
   */
  public static Optional<ReferenceModel> named(String name) {
    for (ReferenceModel model : all()) {
      if (!name.startsWith(model.name)) {
        continue;
      }
      String rest = name.substring(model.name.length());
      ReferenceModel chosen = model;
      if (rest.endsWith("-flip")) {
        chosen = chosen.withTestTimeFlip(true);
        rest = rest.substring(0, rest.length() - "-flip".length());
      } else if (rest.endsWith("-noflip")) {
        chosen = chosen.withTestTimeFlip(false);
        rest = rest.substring(0, rest.length() - "-noflip".length());
      }
      if (rest.isEmpty()) {
        return Optional.of(chosen);
      }
      for (ChipAlignment alignment : ChipAlignment.values()) {
        if (rest.equals("-" + alignment.suffix())) {
          return Optional.of(chosen.withAlignment(alignment));
        }
      }
    }
    return Optional.empty();
  }

  public ReferenceModel withTestTimeFlip(boolean flip) {
    return new ReferenceModel(
        name,
        description,
        source,
        licence,
        publishedLfwAccuracy,
        weights,
        weightsManifest,
        input,
        flip,
        alignment);
  }

  /** The same network fed faces cut out by {@code newAlignment}. */
  public ReferenceModel withAlignment(ChipAlignment newAlignment) {
    return new ReferenceModel(
        name,
        description,
        source,
        licence,
        publishedLfwAccuracy,
        weights,
        weightsManifest,
        inputFor(newAlignment),
        testTimeFlip,
        newAlignment);
  }

  /** The id of embeddings made with the default flip setting; see {@link #modelId(boolean)}. */
  public String modelId() {
    return modelId(testTimeFlip);
  }

  public int inputSize() {
    return input.size();
  }

  public int embeddingDim() {
    return DlibResNet.EMBEDDING_DIM;
  }

  /**
   * A short id that changes whenever the vectors would: the name plus 12 hex digits of a hash over
   * the weights, the input preparation and the flip setting, e.g. {@code dlib-resnet-1c2d3e4f5a6b}.
   * It keys indexes and calibrations, so it depends on nothing else.
   */
  public String modelId(boolean testTimeFlip) {
    List<String> parts =
        new ArrayList<>(
            List.of(
                "facesearch-reference-1",
                name,
                weights.npmSpec(),
                weights.tarballSha256(),
                input.preprocessing().crop().toString(),
                input.preprocessing().color().name(),
                Integer.toString(input.size()),
                input.normalization().mean().toString(),
                input.normalization().std().toString(),
                testTimeFlip ? "flip" : "no-flip"));
    // The fixed crop keeps the id it had before alignments existed (its calibrations still apply).
    if (alignment != ChipAlignment.FIXED) {
      parts.add("alignment=" + alignmentDescription());
    }
    String identity = String.join("\n", parts);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /**
   * What decides the aligned pixels besides the detector's and landmark network's files (pinned by
   * the package): pipeline version, detector, points, template, fallback.
   */
  private String alignmentDescription() {
    return switch (alignment) {
      case FIXED -> "fixed " + LFW_CHIP;
      case BLAZEFACE ->
          "align-1 blazeface-short-range whole-frame 4-point "
              + FaceTemplate.DLIB_150.points()
              + " fallback "
              + LFW_CHIP;
      case LANDMARKS_68 ->
          "align-1 blazeface-short-range whole-frame landmark68 margin "
              + LANDMARK_MARGIN
              + " dlib-mean-face "
              + DlibResNet.INPUT_SIZE
              + " padding "
              + DLIB_PADDING
              + " fallback "
              + LFW_CHIP;
    };
  }

  /**
   * The alignment this model's inputs need ({@link Optional#empty()} for the fixed crop), with the
   * detector and landmark files from the unpacked package in {@code packageDir} and {@code assets}
   * (BlazeFace), the landmark network on {@code runtime}.
   *
   * @throws org.facesearch.data.assets.AssetException when the detector cannot be fetched
   */
  public Optional<FaceAlignment> openAlignment(
      Path packageDir, AssetStore assets, TorchRuntime runtime) {
    if (alignment == ChipAlignment.FIXED) {
      return Optional.empty();
    }
    FaceDetector detector =
        new BlazeFaceDetector(
            BlazeFaceModel.SHORT_RANGE.locate(assets),
            BlazeFaceModel.SHORT_RANGE,
            // An LFW frame's face is about 45% of its side; one pass over the whole frame.
            new DetectorOptions(0.1, DetectorOptions.Selection.ALL),
            BlazeFaceDetector.Scales.WHOLE_PHOTO);
    try {
      return Optional.of(
          switch (alignment) {
            case FIXED -> throw new IllegalStateException("no alignment for a fixed crop");
            case BLAZEFACE ->
                new LandmarkAlignment(
                    detector,
                    LandmarkLocator.detectorLandmarks(FaceTemplate.DLIB_150),
                    ChipTemplate.of(FaceTemplate.DLIB_150),
                    LFW_CHIP);
            case LANDMARKS_68 ->
                new LandmarkAlignment(
                    detector,
                    landmarkLocator(packageDir, runtime),
                    DlibMeanFace.landmarks68(DlibResNet.INPUT_SIZE, DLIB_PADDING),
                    LFW_CHIP);
          });
    } catch (RuntimeException e) {
      detector.close();
      throw e;
    }
  }

  /**
   * The face alignment a trained model's bundle asks for, with its files from {@code assets}
   * (fetched on first use); empty for {@link InputAlignment#NONE}. The caller closes it.
   *
   * @throws org.facesearch.data.assets.AssetException when the files cannot be fetched or are
   *     damaged
   */
  public static Optional<FaceAlignment> openInputAlignment(
      InputAlignment kind, AssetStore assets, TorchRuntime runtime) {
    return switch (kind) {
      case NONE -> Optional.empty();
      case DLIB_LANDMARKS_68 -> {
        ReferenceModel dlib = DLIB_RESNET.withAlignment(ChipAlignment.LANDMARKS_68);
        yield dlib.openAlignment(assets.require(dlib.weights()), assets, runtime);
      }
    };
  }

  /**
   * face-api.js's 68-point network from the unpacked package, on {@code runtime} or, where the
   * configured {@link InferenceRuntime} says so, on ONNX Runtime (it computes in fp32 either way).
   */
  public Landmark68Locator landmarkLocator(Path packageDir, TorchRuntime runtime) {
    return landmarkLocator(packageDir, runtime, InferenceRuntime.configured());
  }

  /** The same on {@code inference}'s choice of runtime. */
  public Landmark68Locator landmarkLocator(
      Path packageDir, TorchRuntime runtime, InferenceRuntime inference) {
    NDManager manager = runtime.newManager();
    Optional<OnnxNetwork> exported = Optional.empty();
    try {
      TfjsWeights tensors = TfjsWeights.read(packageDir.resolve(LANDMARKS_MANIFEST));
      FaceLandmark68Net network = new FaceLandmark68Net();
      network.initialize(manager);
      network.load(tensors);
      String weightsId = weights.file("model/face_landmark_68_model.bin").sha256().substring(0, 12);
      if (inference.resolve(runtime.device(), Precision.FP32, true)
          == InferenceRuntime.ONNXRUNTIME) {
        int n = FaceLandmark68Net.INPUT_SIZE;
        exported =
            Optional.of(
                OnnxNetwork.load(
                    "face-landmark-68", network.toOnnx(), 3, n, n, 2 * FaceLandmark68Net.POINTS));
      }
      return new Landmark68Locator(weightsId, LANDMARK_MARGIN, manager, network, exported);
    } catch (RuntimeException e) {
      exported.ifPresent(OnnxNetwork::close);
      manager.close();
      throw e;
    }
  }

  /**
   * The network with the weights of the unpacked package in {@code packageDir}, on {@code manager}
   * (which the caller keeps ownership of).
   *
   * @throws InvalidReferenceWeightsException when the weight files are missing or do not fit
   */
  public DlibResNet loadNetwork(Path packageDir, NDManager manager) {
    TfjsWeights weights = TfjsWeights.read(packageDir.resolve(weightsManifest));
    DlibResNet network = new DlibResNet();
    network.initialize(manager);
    network.load(weights);
    return network;
  }

  /**
   * An embedder on {@code runtime}'s device with the weights from {@code store}, fetched into it
   * with npm on first use and checked against their pinned SHA-256s every time.
   *
   * @throws org.facesearch.data.assets.AssetException when the weights cannot be fetched or are
   *     damaged
   */
  public Embedder embedder(AssetStore store, TorchRuntime runtime, boolean testTimeFlip) {
    Path packageDir = store.require(weights);
    Optional<FaceAlignment> aligner = openAlignment(packageDir, store, runtime);
    try {
      return embedder(packageDir, aligner, runtime, testTimeFlip);
    } catch (RuntimeException e) {
      aligner.ifPresent(FaceAlignment::close);
      throw e;
    }
  }

  /**
   * An embedder on {@code runtime}'s device with the weights in {@code packageDir}, taking
   * ownership of {@code aligner} (which must be this model's {@link #openAlignment}); {@code
   * testTimeFlip} averages each face with its mirror image (and changes the {@link #modelId}).
   */
  public Embedder embedder(
      Path packageDir,
      Optional<FaceAlignment> aligner,
      TorchRuntime runtime,
      boolean testTimeFlip) {
    return embedder(packageDir, aligner, runtime, testTimeFlip, InferenceRuntime.configured());
  }

  /**
   * The same with its passes on {@code inference}'s choice: on a CPU, ONNX Runtime from the
   * network's ONNX export unless PyTorch is asked for (the network computes in fp32 either way).
   */
  public Embedder embedder(
      Path packageDir,
      Optional<FaceAlignment> aligner,
      TorchRuntime runtime,
      boolean testTimeFlip,
      InferenceRuntime inference) {
    if (aligner.isPresent() != (alignment != ChipAlignment.FIXED)) {
      throw new IllegalArgumentException(
          name
              + " with "
              + alignment.suffix()
              + " crops "
              + (aligner.isPresent() ? "takes no" : "needs an")
              + " alignment");
    }
    NDManager manager = runtime.newManager();
    Optional<OnnxNetwork> exported = Optional.empty();
    try {
      DlibResNet network = loadNetwork(packageDir, manager);
      if (inference.resolve(runtime.device(), Precision.FP32, true)
          == InferenceRuntime.ONNXRUNTIME) {
        int n = DlibResNet.INPUT_SIZE;
        exported =
            Optional.of(
                OnnxNetwork.load(name, network.toOnnx(), 3, n, n, DlibResNet.EMBEDDING_DIM));
      }
      return new ReferenceEmbedder(
          modelId(testTimeFlip), input, testTimeFlip, aligner, manager, network, exported);
    } catch (RuntimeException e) {
      exported.ifPresent(OnnxNetwork::close);
      manager.close();
      throw e;
    }
  }
}
