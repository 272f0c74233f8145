package org.facesearch.data.detect;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.facesearch.data.assets.AssetStore;

/**
 * The face detectors facesearch ships, by the name the command line and JSON use. Adding a detector
 * means one implementation of {@link FaceDetector} and one constant here.
 */
public enum DetectorKind {
  /**
   * MediaPipe BlazeFace, multi-scale (short range over the whole photo and tiles, full range before
   * the tiles): boxes, scores, six landmarks. The default.
   */
  BLAZEFACE("blazeface", new DetectorOptions(0.04, DetectorOptions.Selection.ALL)),
  /** OpenCV's Haar cascade: boxes only, the detector LFW was built with. */
  HAAR("haar", DetectorOptions.DEFAULT);

  /** The detector used when none is named. */
  public static final DetectorKind DEFAULT = BLAZEFACE;

  private final String id;
  private final DetectorOptions readerOptions;

  DetectorKind(String id, DetectorOptions readerOptions) {
    this.id = id;
    this.readerOptions = readerOptions;
  }

  /** The name on the command line, in JSON and in cache keys. */
  public String id() {
    return id;
  }

  /**
   * What reading a user's photo asks of this detector: every face (the reader picks the largest
   * when one is wanted), down to the smallest face it can reliably find. BlazeFace's tiles reach
   * faces of about 4% of the shorter side; Haar keeps its measured tenth (smaller windows mostly
   * add background hits).
   */
  public DetectorOptions readerOptions() {
    return readerOptions;
  }

  /**
   * The kind named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static DetectorKind parse(String name) {
    for (DetectorKind kind : values()) {
      if (kind.id.equalsIgnoreCase(name.strip())) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown face detector '" + name + "'; known: " + names());
  }

  /** "blazeface|haar", for help texts and messages. */
  public static String names() {
    return Arrays.stream(values()).map(DetectorKind::id).collect(Collectors.joining("|"));
  }

  /**
   * Opens this detector.
   *
   * @param assets where model files are fetched to (BlazeFace's network; Haar's cascade ships with
   *     OpenCV)
   * @throws org.facesearch.data.assets.AssetException if the model cannot be fetched or is damaged
   */
  public FaceDetector open(DetectorOptions options, AssetStore assets) {
    return switch (this) {
      case BLAZEFACE ->
          new BlazeFaceDetector(
              BlazeFaceModel.SHORT_RANGE.locate(assets),
              BlazeFaceModel.FULL_RANGE.locate(assets),
              options);
      case HAAR -> new HaarDetector(options);
    };
  }

  /** Opens this detector with {@link #readerOptions()}. */
  public FaceDetector open(AssetStore assets) {
    return open(readerOptions, assets);
  }

  @Override
  public String toString() {
    return id;
  }
}
