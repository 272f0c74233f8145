package org.facesearch.data.detect;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The face detectors facesearch ships, by the name the command line and JSON use. Adding a
 * detector means one implementation of {@link FaceDetector} and one constant here.
 */
public enum DetectorKind {
  /** MediaPipe BlazeFace (short range), multi-scale: boxes, scores, six landmarks. The default. */
  BLAZEFACE("blazeface", new DetectorOptions(0.04, DetectorOptions.Selection.LARGEST)),
  /** OpenCV's Haar cascade: boxes only, the detector LFW was built with. */
  HAAR("haar", DetectorOptions.DEFAULT.withSelection(DetectorOptions.Selection.LARGEST));

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
   * What reading a user's photo asks of this detector: the largest face, down to the smallest face
   * it can reliably find. BlazeFace's tiles reach faces of about 4% of the shorter side; Haar keeps
   * its measured tenth (smaller windows mostly add background hits).
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
    throw new IllegalArgumentException(
        "unknown face detector '" + name + "'; known: " + names());
  }

  /** "blazeface|haar", for help texts and messages. */
  public static String names() {
    return Arrays.stream(values()).map(DetectorKind::id).collect(Collectors.joining("|"));
  }

  /**
   * Opens this detector.
   *
   * @param blazeFaceModel where BlazeFace's model file is (fetched on demand); not called for Haar
   */
  public FaceDetector open(DetectorOptions options, Supplier<Path> blazeFaceModel) {
    return switch (this) {
      case BLAZEFACE -> new BlazeFaceDetector(blazeFaceModel.get(), options);
      case HAAR -> new HaarDetector(options);
    };
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
