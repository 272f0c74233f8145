package org.facesearch.model.bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.arch.L2Norm;
import org.facesearch.model.arch.TestTimeFlip;
import org.facesearch.model.engine.Bf16Casts;
import org.facesearch.model.engine.Bf16ParameterStore;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.onnx.OnnxNetwork;

/**
 * Embeds with a trained network loaded from a bundle, in inference mode: on PyTorch, or on ONNX
 * Runtime from the network's ONNX export ({@link InferenceRuntime}); the crops, flip averaging and
 * the final normalisation are the same either way. Several threads may call {@link #embed} at once
 * (each batch has its own sub-manager; ONNX Runtime takes concurrent passes); close it only when
 * none is.
 */
final class NetworkEmbedder implements Embedder {
  /** Crops per forward pass: big enough to keep the CPU busy, small enough for any GPU. */
  static final int BATCH_SIZE = 64;

  private final String modelId;
  private final ModelSpec spec;
  private final NDManager manager;
  private final FaceNetwork network;
  private final ParameterStore parameters;
  private final Precision precision;
  private final Optional<FaceAlignment> alignment;
  private final Optional<OnnxNetwork> exported;
  private volatile boolean closed;

  /**
   * Takes ownership of {@code manager}, which holds the network's parameters (or is a sub-manager
   * of theirs).
   *
   * @param precision {@link Precision#FP32} or {@link Precision#BF16} (resolved, not AUTO); {@link
   *     Precision#INT8} with an int8 export only
   * @param alignment the spec's alignment, owned and closed by this embedder; empty for a model
   *     without one, or for one only ever given crops prepared already (a network being trained)
   */
  NetworkEmbedder(
      String modelId,
      ModelSpec spec,
      NDManager manager,
      FaceNetwork network,
      Precision precision,
      Optional<FaceAlignment> alignment) {
    this(modelId, spec, manager, network, precision, alignment, Optional.empty());
  }

  /**
   * The same, running the passes on {@code exported} (owned and closed by this embedder) when
   * present: the network's own ONNX export, which computes in fp32.
   */
  NetworkEmbedder(
      String modelId,
      ModelSpec spec,
      NDManager manager,
      FaceNetwork network,
      Precision precision,
      Optional<FaceAlignment> alignment,
      Optional<OnnxNetwork> exported) {
    if (exported.isPresent() && precision != Precision.FP32 && precision != Precision.INT8) {
      throw new IllegalArgumentException(
          "the ONNX export computes in fp32 or int8 only, not " + precision);
    }
    if (exported.isEmpty() && precision == Precision.INT8) {
      throw new IllegalArgumentException("int8 runs on the ONNX export only");
    }
    this.exported = exported;
    if (alignment.isPresent() && spec.alignment() == InputAlignment.NONE) {
      throw new IllegalArgumentException(modelId + " takes LFW's framing as it is: no alignment");
    }
    this.alignment = alignment;
    this.modelId = modelId;
    this.spec = spec;
    this.manager = manager;
    this.network = network;
    this.precision = precision;
    this.parameters =
        switch (precision) {
          case FP32, INT8 -> new ParameterStore(manager, false);
          case BF16 -> Bf16ParameterStore.forInference(manager, new Bf16Casts(manager));
          case AUTO -> throw new IllegalArgumentException("resolve the precision first");
        };
  }

  /** The precision the network computes in: fp32, bf16 or (on ONNX Runtime) int8. */
  Precision precision() {
    return precision;
  }

  /** What runs the passes: PyTorch or ONNX Runtime. */
  InferenceRuntime runtime() {
    return exported.isPresent() ? InferenceRuntime.ONNXRUNTIME : InferenceRuntime.PYTORCH;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public String inference() {
    return precision
        + " on "
        + (runtime() == InferenceRuntime.ONNXRUNTIME ? "ONNX Runtime" : "PyTorch");
  }

  @Override
  public int dimension() {
    return spec.embeddingDim();
  }

  @Override
  public Preprocessing preprocessing() {
    return spec.input().preprocessing();
  }

  @Override
  public Optional<FaceAlignment> alignment() {
    return alignment;
  }

  @Override
  public FaceCrop prepare(BufferedImage framed) {
    requireAlignment();
    return Embedder.super.prepare(framed);
  }

  @Override
  public FaceCrop prepare(FramedFace face) {
    requireAlignment();
    return Embedder.super.prepare(face);
  }

  @Override
  public CachedCrops cachedCrops(CropCache cache, LfwDataset dataset) {
    requireAlignment();
    return Embedder.super.cachedCrops(cache, dataset);
  }

  /** Preparing an aligned model's faces without its alignment would embed the wrong pixels. */
  private void requireAlignment() {
    if (spec.alignment() != InputAlignment.NONE && alignment.isEmpty()) {
      throw new IllegalStateException(
          modelId
              + " wants faces aligned by "
              + spec.alignment().id()
              + " but was opened without that step; give it prepared crops only");
    }
  }

  @Override
  public float[][] embed(List<FaceCrop> crops) {
    if (closed) {
      throw new IllegalStateException("embedder " + modelId + " is closed");
    }
    requirePrepared(crops);
    int dim = dimension();
    float[][] out = new float[crops.size()][];
    // A flipped batch's pass holds its mirror images too: half the faces, the same pass size.
    int faces = TestTimeFlip.facesPerPass(BATCH_SIZE, spec.testTimeFlip());
    for (int start = 0; start < crops.size(); start += faces) {
      List<FaceCrop> batch = crops.subList(start, Math.min(crops.size(), start + faces));
      // Every intermediate tensor of the batch dies with this sub-manager.
      try (NDManager scope = manager.newSubManager()) {
        NDArray images = spec.input().tensor(scope, batch);
        NDArray embedding =
            spec.testTimeFlip()
                ? TestTimeFlip.sumWithMirror(images, this::forward)
                : forward(images);
        float[] flat = L2Norm.rows(embedding).toFloatArray();
        for (int i = 0; i < batch.size(); i++) {
          float[] row = new float[dim];
          System.arraycopy(flat, i * dim, row, 0, dim);
          out[start + i] = row;
        }
      }
    }
    return out;
  }

  /** The embedding output before the final normalisation (a head's output is unit already). */
  private NDArray forward(NDArray images) {
    if (exported.isPresent()) {
      long n = images.getShape().get(0);
      float[] out = exported.get().run(images.toFloatArray(), (int) n);
      // The export stops before the normalisation that ends both branches below.
      return L2Norm.rows(images.getManager().create(out, new Shape(n, out.length / n)));
    }
    NDArray features = network.features(parameters, images, false);
    return switch (spec.embedding()) {
      case BACKBONE -> L2Norm.rows(features);
      case HEAD -> network.project(parameters, features, false);
    };
  }

  @Override
  public void close() {
    closed = true;
    try {
      alignment.ifPresent(FaceAlignment::close);
    } finally {
      try {
        exported.ifPresent(OnnxNetwork::close);
      } finally {
        manager.close();
      }
    }
  }
}
