package org.facesearch.model.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.L2Norm;
import org.facesearch.model.arch.TestTimeFlip;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.input.InputSpec;
import org.facesearch.model.onnx.OnnxNetwork;

/**
 * Embeds with dlib's pretrained ResNet in inference mode, on PyTorch or on ONNX Runtime from its
 * ONNX export ({@link InferenceRuntime}). Several threads may call {@link #embed} at once (each
 * batch has its own sub-manager; ONNX Runtime takes concurrent passes); close it only when none is.
 */
final class ReferenceEmbedder implements Embedder {
  /** Crops per forward pass: a 150x150 batch of 32 keeps the CPU busy in ~100 MB of activations. */
  static final int BATCH_SIZE = 32;

  private final String modelId;
  private final InputSpec input;
  private final boolean testTimeFlip;
  private final Optional<FaceAlignment> alignment;
  private final NDManager manager;
  private final DlibResNet network;
  private final ParameterStore parameters;
  private final Optional<OnnxNetwork> exported;
  private volatile boolean closed;

  /**
   * Takes ownership of {@code manager}, which holds the network's parameters, of {@code alignment}
   * and of {@code exported} (the network's export on ONNX Runtime, which runs the passes when
   * present).
   */
  ReferenceEmbedder(
      String modelId,
      InputSpec input,
      boolean testTimeFlip,
      Optional<FaceAlignment> alignment,
      NDManager manager,
      DlibResNet network,
      Optional<OnnxNetwork> exported) {
    this.exported = exported;
    this.modelId = modelId;
    this.input = input;
    this.testTimeFlip = testTimeFlip;
    this.alignment = alignment;
    this.manager = manager;
    this.network = network;
    this.parameters = new ParameterStore(manager, false);
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int dimension() {
    return DlibResNet.EMBEDDING_DIM;
  }

  @Override
  public Preprocessing preprocessing() {
    return input.preprocessing();
  }

  @Override
  public Optional<FaceAlignment> alignment() {
    return alignment;
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
    int faces = TestTimeFlip.facesPerPass(BATCH_SIZE, testTimeFlip);
    for (int start = 0; start < crops.size(); start += faces) {
      List<FaceCrop> batch = crops.subList(start, Math.min(crops.size(), start + faces));
      // Every intermediate tensor of the batch dies with this sub-manager.
      try (NDManager scope = manager.newSubManager()) {
        NDArray images = input.tensor(scope, batch);
        // dlib's descriptors are near unit length already, so the plain sum weighs both alike.
        NDArray embedding =
            testTimeFlip ? TestTimeFlip.sumWithMirror(images, this::forward) : forward(images);
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

  @Override
  public String inference() {
    return "fp32 on " + (exported.isPresent() ? "ONNX Runtime" : "PyTorch");
  }

  /** What runs the passes: PyTorch or ONNX Runtime. */
  InferenceRuntime runtime() {
    return exported.isPresent() ? InferenceRuntime.ONNXRUNTIME : InferenceRuntime.PYTORCH;
  }

  private NDArray forward(NDArray images) {
    if (exported.isPresent()) {
      long n = images.getShape().get(0);
      float[] out = exported.get().run(images.toFloatArray(), (int) n);
      return images.getManager().create(out, new Shape(n, DlibResNet.EMBEDDING_DIM));
    }
    return network.forward(parameters, new NDList(images), false).singletonOrThrow();
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
