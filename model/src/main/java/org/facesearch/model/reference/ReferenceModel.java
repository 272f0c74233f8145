package org.facesearch.model.reference;

import ai.djl.ndarray.NDManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.assets.AssetFile;
import org.facesearch.data.assets.AssetPack;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.input.InputSpec;
import org.facesearch.model.input.Normalization;

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
    boolean testTimeFlip) {

  /**
   * The square in LFW's deep-funneled 250x250 frame that best stands in for dlib's 150x150 face
   * chip (landmark alignment with 25% padding) until photos are aligned to dlib's own template:
   * rows 80..200, columns 65..185. Of the boxes tried on the first 800 of View 1's training pairs
   * (sides 110 to 160, centred or moved down by up to 20), it was the most accurate (0.980); the
   * centred 140 box reached 0.921, and moving this one 5 more rows down 0.964. dlib's chip shows
   * less forehead and sits lower on the face than LFW's framing centre.
   */
  public static final CropBox LFW_CHIP = new CropBox(80, 65, 200, 185);

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
              // Its own id (not the whole face-api package's): it installs only these two files.
              "face-api-recognition",
              "@vladmandic/face-api",
              "1.7.15",
              "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031",
              "weights public domain (dlib), port MIT (face-api.js)",
              "dlib's face-recognition ResNet weights as converted by face-api.js",
              List.of(
                  new AssetFile(
                      "model/face_recognition_model-weights_manifest.json",
                      "cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b",
                      19615),
                  new AssetFile(
                      "model/face_recognition_model.bin",
                      "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589",
                      6444032))),
          "model/face_recognition_model-weights_manifest.json",
          new InputSpec(
              new Preprocessing(LFW_CHIP, ColorMode.RGB, DlibResNet.INPUT_SIZE),
              // dlib subtracts its mean RGB and divides by 256, on 0..255 pixels.
              new Normalization(
                  List.of(122.782f / 255, 117.001f / 255, 104.298f / 255),
                  List.of(256f / 255, 256f / 255, 256f / 255))),
          // Chosen on pairsDevTrain: 0.9855 with flip averaging, 0.9809 without.
          true);

  public ReferenceModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(weights, "weights");
    weights.file(weightsManifest);
    Objects.requireNonNull(input, "input");
  }

  /** Every reference model facesearch knows. */
  public static List<ReferenceModel> all() {
    return List.of(DLIB_RESNET);
  }

  /**
   * The reference model called {@code name}, if there is one; {@code <name>-flip} and {@code
   * <name>-noflip} name it with flip averaging on or off instead of its default.
   */
  public static Optional<ReferenceModel> named(String name) {
    for (ReferenceModel model : all()) {
      if (name.equals(model.name)) {
        return Optional.of(model);
      }
      if (name.equals(model.name + "-flip")) {
        return Optional.of(model.withTestTimeFlip(true));
      }
      if (name.equals(model.name + "-noflip")) {
        return Optional.of(model.withTestTimeFlip(false));
      }
    }
    return Optional.empty();
  }

  public ReferenceModel withTestTimeFlip(boolean flip) {
    return new ReferenceModel(
        name, description, source, licence, publishedLfwAccuracy, weights, weightsManifest, input,
        flip);
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
    String identity =
        String.join(
            "\n",
            "facesearch-reference-1",
            name,
            weights.npmSpec(),
            weights.tarballSha256(),
            input.preprocessing().crop().toString(),
            input.preprocessing().color().name(),
            Integer.toString(input.size()),
            input.normalization().mean().toString(),
            input.normalization().std().toString(),
            testTimeFlip ? "flip" : "no-flip");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /**
   * The network with the weights of the unpacked package in {@code packageDir}, on {@code
   * manager} (which the caller keeps ownership of).
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
    return embedder(store.require(weights), runtime, testTimeFlip);
  }

  /**
   * An embedder on {@code runtime}'s device with the weights in {@code packageDir}; {@code
   * testTimeFlip} averages each face with its mirror image (and changes the {@link #modelId}).
   */
  public Embedder embedder(Path packageDir, TorchRuntime runtime, boolean testTimeFlip) {
    NDManager manager = runtime.newManager();
    try {
      DlibResNet network = loadNetwork(packageDir, manager);
      return new ReferenceEmbedder(modelId(testTimeFlip), input, testTimeFlip, manager, network);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }
}
