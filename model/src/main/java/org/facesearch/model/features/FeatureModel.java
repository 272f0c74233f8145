package org.facesearch.model.features;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.FileTrees;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.InvalidModelBundleException;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.reference.ReferenceModel;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model that is no network: a fixed descriptor ({@link LbpDescriptor}) of an aligned face and a
 * linear projection learned from LFW's training people (PCA whitening, then the directions in which
 * photos of one person vary least, each scaled by that variation). A folder holding {@value
 * #METADATA_FILE} and {@value #PROJECTION_FILE} (the projection's numbers, little-endian float32,
 * its SHA-256 in the metadata); written atomically, opened with every field and the hash checked.
 * It needs no PyTorch of its own, only the face alignment's landmark network.
 */
public final class FeatureModel {
  public static final String METADATA_FILE = "model.json";
  public static final String PROJECTION_FILE = "projection.bin";

  /** The {@code kind} in model.json that marks a feature model (network bundles have none). */
  public static final String KIND = "lbp-projection";

  private static final int FORMAT_VERSION = 1;
  private static final int MAGIC = 0x50424C46; // "FLBP" read little-endian

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** What {@value #METADATA_FILE} holds. */
  record Metadata(
      int formatVersion,
      String kind,
      int cell,
      int stride,
      List<Integer> scales,
      String alignment,
      boolean testTimeFlip,
      int featureDim,
      int embeddingDim,
      String projectionSha256,
      TrainingRecord training) {}

  private final Path directory;
  private final LbpDescriptor descriptor;
  private final InputAlignment alignment;
  private final boolean testTimeFlip;
  private final int embeddingDim;
  private final String projectionSha256;
  private final TrainingRecord training;

  private FeatureModel(Path directory, Metadata m) {
    this.directory = directory;
    this.descriptor = new LbpDescriptor(m.cell(), m.stride(), m.scales());
    this.alignment = InputAlignment.fromId(m.alignment());
    this.testTimeFlip = m.testTimeFlip();
    this.embeddingDim = m.embeddingDim();
    this.projectionSha256 = m.projectionSha256();
    this.training = m.training();
  }

  /** Whether {@code directory} holds a feature model rather than a network bundle. */
  public static boolean isFeatureModel(Path directory) {
    return Files.isRegularFile(directory.resolve(PROJECTION_FILE));
  }

  /**
   * Writes a new folder {@code directory}: everything goes to a temporary folder beside it first,
   * which is then renamed, so a crash leaves either the complete model or none. An existing folder
   * is never replaced.
   */
  public static FeatureModel write(
      Path directory,
      LbpDescriptor descriptor,
      InputAlignment alignment,
      boolean testTimeFlip,
      LinearProjection projection,
      TrainingRecord training)
      throws IOException {
    if (projection.inputDim() != descriptor.dimension()) {
      throw new IllegalArgumentException(
          "the projection takes "
              + projection.inputDim()
              + " values but the descriptor gives "
              + descriptor.dimension());
    }
    byte[] bytes = encode(projection);
    Metadata metadata =
        new Metadata(
            FORMAT_VERSION,
            KIND,
            descriptor.cell(),
            descriptor.stride(),
            descriptor.scales(),
            alignment.id(),
            testTimeFlip,
            projection.inputDim(),
            projection.outputDim(),
            sha256(bytes),
            training);
    Path target =
        FileTrees.createAtomically(
            directory,
            folder -> {
              Files.write(folder.resolve(PROJECTION_FILE), bytes);
              Files.write(folder.resolve(METADATA_FILE), JSON.writeValueAsBytes(metadata));
            });
    return new FeatureModel(target, metadata);
  }

  /**
   * Reads and checks the metadata (the projection is read and its hash checked by {@link
   * #projection()}).
   *
   * @throws InvalidModelBundleException naming the folder or file and what is wrong with it
   */
  public static FeatureModel open(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    Path json = dir.resolve(METADATA_FILE);
    if (!Files.isRegularFile(json) || !Files.isRegularFile(dir.resolve(PROJECTION_FILE))) {
      throw new InvalidModelBundleException(
          "feature model "
              + dir
              + " needs both "
              + METADATA_FILE
              + " and "
              + PROJECTION_FILE
              + " (is it a facesearch model folder?)");
    }
    Metadata m;
    try {
      m = JSON.readValue(Files.readAllBytes(json), Metadata.class);
    } catch (JacksonException e) {
      throw new InvalidModelBundleException(
          json + " is not a readable feature model description: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidModelBundleException("cannot read " + json + ": " + e, e);
    }
    if (m.formatVersion() != FORMAT_VERSION || !KIND.equals(m.kind())) {
      throw new InvalidModelBundleException(
          json
              + " describes a "
              + m.kind()
              + " model in format "
              + m.formatVersion()
              + "; this facesearch reads "
              + KIND
              + " in format "
              + FORMAT_VERSION);
    }
    try {
      Objects.requireNonNull(m.scales(), "scales");
      Objects.requireNonNull(m.alignment(), "alignment");
      Objects.requireNonNull(m.projectionSha256(), "projectionSha256");
      Objects.requireNonNull(m.training(), "training");
      FeatureModel model = new FeatureModel(dir, m);
      if (model.descriptor.dimension() != m.featureDim() || m.embeddingDim() <= 0) {
        throw new IllegalArgumentException(
            "featureDim "
                + m.featureDim()
                + " does not match its descriptor's "
                + model.descriptor.dimension()
                + " values, or embeddingDim "
                + m.embeddingDim()
                + " is not positive");
      }
      return model;
    } catch (RuntimeException e) {
      throw new InvalidModelBundleException(
          json + " is incomplete or invalid: " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return directory;
  }

  public LbpDescriptor descriptor() {
    return descriptor;
  }

  public InputAlignment alignment() {
    return alignment;
  }

  public boolean testTimeFlip() {
    return testTimeFlip;
  }

  public int embeddingDim() {
    return embeddingDim;
  }

  public TrainingRecord training() {
    return training;
  }

  /** Names the projection: equal ids, equal vectors. */
  public String modelId() {
    return modelId(testTimeFlip);
  }

  /** The id of this model's vectors with flip averaging on or off. */
  public String modelId(boolean flip) {
    return KIND + "-" + projectionSha256.substring(0, 12) + (flip ? "-flip" : "");
  }

  /**
   * The projection, read and checked against its recorded SHA-256.
   *
   * @throws InvalidModelBundleException when the file is damaged or does not fit the metadata
   */
  public LinearProjection projection() {
    Path file = directory.resolve(PROJECTION_FILE);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidModelBundleException("cannot read " + file + ": " + e, e);
    }
    String actual = sha256(bytes);
    if (!actual.equals(projectionSha256)) {
      throw new InvalidModelBundleException(
          file
              + " is damaged: its SHA-256 is "
              + actual
              + " but model.json records "
              + projectionSha256
              + "; train the model again or copy the folder anew");
    }
    LinearProjection projection = decode(bytes, file);
    if (projection.inputDim() != descriptor.dimension() || projection.outputDim() != embeddingDim) {
      throw new InvalidModelBundleException(
          file
              + " projects "
              + projection.inputDim()
              + " to "
              + projection.outputDim()
              + " values but model.json says "
              + descriptor.dimension()
              + " to "
              + embeddingDim);
    }
    return projection;
  }

  /**
   * An embedder with the model's face alignment, its landmark network on {@code runtime}, its files
   * from {@code assets}.
   */
  public Embedder embedder(TorchRuntime runtime, AssetStore assets, boolean flip) {
    LinearProjection projection = projection();
    Optional<FaceAlignment> aligner = ReferenceModel.openInputAlignment(alignment, assets, runtime);
    return new FeatureEmbedder(modelId(flip), descriptor, projection, aligner, flip);
  }

  /**
   * An embedder over a projection held in memory (one being trained) without a face alignment: give
   * it crops prepared already, aligned as {@code descriptor} expects.
   */
  public static Embedder embedder(
      String modelId, LbpDescriptor descriptor, LinearProjection projection, boolean flip) {
    return new FeatureEmbedder(modelId, descriptor, projection, Optional.empty(), flip);
  }

  private static byte[] encode(LinearProjection projection) {
    float[] mean = projection.mean();
    float[] matrix = projection.matrix();
    ByteBuffer out =
        ByteBuffer.allocate(16 + 4 * (mean.length + matrix.length)).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(mean.length).putInt(projection.outputDim());
    out.asFloatBuffer().put(mean).put(matrix);
    return out.array();
  }

  private static LinearProjection decode(byte[] bytes, Path file) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 16 || in.getInt() != MAGIC || in.getInt() != FORMAT_VERSION) {
      throw new InvalidModelBundleException(file + " is not a facesearch projection file");
    }
    int inputs = in.getInt();
    int outputs = in.getInt();
    long expected = 16 + 4L * inputs * (1L + outputs);
    if (inputs <= 0 || outputs <= 0 || bytes.length != expected) {
      throw new InvalidModelBundleException(
          file + " holds " + bytes.length + " bytes, not the " + expected + " its header implies");
    }
    float[] mean = new float[inputs];
    float[] matrix = new float[inputs * outputs];
    in.asFloatBuffer().get(mean).get(matrix);
    try {
      return LinearProjection.adopting(mean, matrix, outputs);
    } catch (IllegalArgumentException e) {
      throw new InvalidModelBundleException(file + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return modelId() + " (" + directory + ", created " + training.createdAt() + ")";
  }
}
