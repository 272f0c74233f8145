package org.facesearch.model.bundle;

import ai.djl.ndarray.NDManager;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.arch.Head;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.input.InputSpec;
import org.facesearch.model.input.Normalization;

/**
 * What it takes to rebuild a network and embed with it: objective (hence head), backbone, which
 * output is the embedding, how inputs are prepared (after the face is aligned, if {@code alignment}
 * asks for it), and whether embeddings average the face with its mirror image (horizontal-flip
 * test-time augmentation).
 */
public record ModelSpec(
    Objective objective,
    Architecture architecture,
    EmbeddingSource embedding,
    InputSpec input,
    boolean testTimeFlip,
    InputAlignment alignment) {

  public ModelSpec {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(alignment, "alignment");
    if (embedding == EmbeddingSource.HEAD && !objective.head().isProjection()) {
      throw new IllegalArgumentException(
          "objective "
              + objective.id()
              + " has no projection head to embed with (its head is '"
              + objective.head().id()
              + "'); use the backbone");
    }
    if (input.size() != architecture.inputSize()) {
      throw new IllegalArgumentException(
          architecture.id()
              + " takes "
              + architecture.inputSize()
              + "x"
              + architecture.inputSize()
              + " crops, not "
              + input.size()
              + "x"
              + input.size());
    }
  }

  /**
   * The seeds' set-up: the objective's default embedding, the seed crop in colour at the
   * architecture's size, ImageNet normalisation, no flip averaging.
   */
  public static ModelSpec standard(Objective objective, Architecture architecture) {
    return standard(objective, architecture, InputAlignment.NONE);
  }

  /**
   * {@link #standard(Objective, Architecture)} on faces aligned by {@code alignment}: an aligned
   * chip is the face already, so it is taken whole rather than cut by the seed's crop box.
   */
  public static ModelSpec standard(
      Objective objective, Architecture architecture, InputAlignment alignment) {
    CropBox crop = alignment == InputAlignment.NONE ? CropBox.SEED : CropBox.FULL;
    Preprocessing preprocessing = new Preprocessing(crop, ColorMode.RGB, architecture.inputSize());
    return new ModelSpec(
        objective,
        architecture,
        objective.defaultEmbedding(),
        new InputSpec(preprocessing, Normalization.IMAGENET_RGB),
        false,
        alignment);
  }

  public Head head() {
    return objective.head();
  }

  /** Length of the search embedding. */
  public int embeddingDim() {
    return embedding == EmbeddingSource.HEAD ? head().outputDim() : architecture.featureDim();
  }

  /** A fresh, uninitialised network of this shape. */
  public FaceNetwork newNetwork() {
    return new FaceNetwork(architecture, head());
  }

  /**
   * An embedder over a network held in memory, e.g. one being trained, under this spec's embedding,
   * input preparation and flip setting; it works in inference mode (batch-norm running statistics).
   * It takes {@code scope}, a sub-manager of the network's manager, and closes only that. It holds
   * no face alignment: give it crops prepared already (a model with an {@link #alignment()} refuses
   * to prepare photos itself).
   */
  public Embedder embedder(String modelId, FaceNetwork network, NDManager scope) {
    return embedder(modelId, network, scope, Precision.configured());
  }

  /** {@link #embedder(String, FaceNetwork, NDManager)} computing in {@code precision}. */
  public Embedder embedder(
      String modelId, FaceNetwork network, NDManager scope, Precision precision) {
    if (network.architecture() != architecture || network.head() != head()) {
      throw new IllegalArgumentException(
          "network is "
              + network.architecture().id()
              + " with head '"
              + network.head().id()
              + "' but the spec says "
              + architecture.id()
              + " with head '"
              + head().id()
              + "'");
    }
    // A network in memory has no int8 calibration: it computes in fp32 where int8 was asked for.
    Precision resolved = precision.resolve(scope.getDevice());
    return new NetworkEmbedder(
        modelId,
        this,
        scope,
        network,
        resolved == Precision.INT8 ? Precision.FP32 : resolved,
        Optional.empty());
  }

  public ModelSpec withTestTimeFlip(boolean flip) {
    return new ModelSpec(objective, architecture, embedding, input, flip, alignment);
  }

  public ModelSpec withEmbedding(EmbeddingSource source) {
    return new ModelSpec(objective, architecture, source, input, testTimeFlip, alignment);
  }
}
