package org.facesearch.model.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.align.FaceAligner;
import org.facesearch.data.align.LandmarkLocator;
import org.facesearch.data.align.SimilarityTransform;
import org.facesearch.data.detect.DetectedFace;
import org.facesearch.data.detect.FaceBox;
import org.facesearch.data.detect.ImagePoint;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.onnx.OnnxNetwork;

/**
 * The 68 points of a detected face by {@link FaceLandmark68Net}: a square around the detector's
 * box, enlarged by {@code margin}, resampled to 112x112, and the network's outputs (fractions of
 * that square) mapped back to the image. face-api.js runs the network on its own detector's box
 * padded to a square; BlazeFace's box is tighter (brows to chin), hence the margin.
 *
 * <p>Thread-safe: each call has its own sub-manager (ONNX Runtime takes concurrent passes). Closing
 * it frees the network.
 */
public final class Landmark68Locator implements LandmarkLocator {
  private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

  private final String id;
  private final double margin;
  private final NDManager manager;
  private final FaceLandmark68Net network;
  private final ParameterStore parameters;
  private final Optional<OnnxNetwork> exported;

  /**
   * Takes ownership of {@code manager}, which holds {@code network}'s (loaded) parameters.
   *
   * @param weightsId identifies the weights (e.g. their SHA-256) in {@link #id()}
   * @param margin how much larger than the detector's box the network's square is (0.2 = 20%)
   * @param exported the network's ONNX export on ONNX Runtime, which runs it when present (owned
   *     and closed by this locator)
   */
  Landmark68Locator(
      String weightsId,
      double margin,
      NDManager manager,
      FaceLandmark68Net network,
      Optional<OnnxNetwork> exported) {
    this.exported = exported;
    if (!(margin > -0.5 && margin < 2)) {
      throw new IllegalArgumentException("margin must be in (-0.5, 2), got " + margin);
    }
    this.id = "face-landmark-68(" + weightsId + ",margin " + margin + ")";
    this.margin = margin;
    this.manager = manager;
    this.network = network;
    this.parameters = new ParameterStore(manager, false);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<ImagePoint> locate(BufferedImage image, DetectedFace face) {
    FaceBox box = face.box();
    double side = Math.max(box.width(), box.height()) * (1 + margin);
    double left = box.centerX() - side / 2;
    double top = box.centerY() - side / 2;
    int n = FaceLandmark68Net.INPUT_SIZE;
    double scale = n / side;
    BufferedImage input =
        FaceAligner.warp(
            image, new SimilarityTransform(scale, 0, -left * scale, -top * scale), n, n);
    float[] values = run(pixels(input));
    List<ImagePoint> points = new ArrayList<>(FaceLandmark68Net.POINTS);
    for (int i = 0; i < FaceLandmark68Net.POINTS; i++) {
      points.add(new ImagePoint(left + values[2 * i] * side, top + values[2 * i + 1] * side));
    }
    return points;
  }

  /** CHW floats, {@code (p - mean) / 255}, as face-api.js feeds the network. */
  private static float[] pixels(BufferedImage input) {
    int n = FaceLandmark68Net.INPUT_SIZE;
    int[] argb = input.getRGB(0, 0, n, n, null, 0, n);
    float[] chw = new float[3 * n * n];
    for (int i = 0; i < n * n; i++) {
      int p = argb[i];
      chw[i] = (((p >> 16) & 0xFF) - MEAN_RGB[0]) / 255f;
      chw[n * n + i] = (((p >> 8) & 0xFF) - MEAN_RGB[1]) / 255f;
      chw[2 * n * n + i] = ((p & 0xFF) - MEAN_RGB[2]) / 255f;
    }
    return chw;
  }

  private float[] run(float[] chw) {
    if (exported.isPresent()) {
      return exported.get().run(chw, 1);
    }
    int n = FaceLandmark68Net.INPUT_SIZE;
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(chw, new Shape(1, 3, n, n));
      return network.forward(parameters, new NDList(x), false).singletonOrThrow().toFloatArray();
    }
  }

  @Override
  public void close() {
    try {
      exported.ifPresent(OnnxNetwork::close);
    } finally {
      manager.close();
    }
  }

  /** What runs the network: PyTorch or ONNX Runtime. */
  InferenceRuntime runtime() {
    return exported.isPresent() ? InferenceRuntime.ONNXRUNTIME : InferenceRuntime.PYTORCH;
  }
}
