package org.facesearch.data.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Finds frontal faces in arbitrary photos with OpenCV's Viola-Jones cascade {@code
 * haarcascade_frontalface_alt2}, the detector family LFW itself was built with.
 *
 * <p>Thread-safety: OpenCV's {@code CascadeClassifier} is not thread-safe, so {@link #detect} is
 * synchronised; one detector serves many threads one image at a time. For parallel detection give
 * each thread its own detector.
 */
public final class HaarDetector implements FaceDetector {
  private static final String CASCADE = "haarcascade_frontalface_alt2.xml";

  /** The cascade's training window: faces smaller than this cannot be found. */
  private static final int WINDOW = 20;

  /**
   * Pyramid step and the number of overlapping hits a face needs, chosen on 400 evenly spaced
   * deep-funneled LFW images: 1.1 with 5 neighbours gave exactly one face in 96.0% (2 with none,
   * the rest with a second, background face); 3 neighbours gave 92.5%, 1.2 missed more faces. On
   * 200 other LFW images (FaceDetectorTest) it gives exactly one face in 93.0%, none in 2%.
   */
  private static final double SCALE_FACTOR = 1.1;

  private static final int MIN_NEIGHBOURS = 5;

  private final DetectorOptions options;
  private CascadeClassifier cascade;

  /** A detector reporting every face at least a tenth of the image's shorter side. */
  public HaarDetector() {
    this(DetectorOptions.DEFAULT);
  }

  public HaarDetector(DetectorOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.cascade = loadCascade();
  }

  @Override
  public DetectorOptions options() {
    return options;
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.HAAR;
  }

  /**
   * The faces in an image, largest first (only the largest with {@link
   * DetectorOptions.Selection#LARGEST}), or {@link Detection.NoFaceFound}.
   */
  @Override
  public synchronized Detection detect(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    if (cascade == null) {
      throw new IllegalStateException("this HaarDetector is closed");
    }
    int shorter = Math.min(image.getWidth(), image.getHeight());
    int minSide = Math.max(WINDOW, (int) Math.round(options.minFaceSize() * shorter));
    if (minSide > shorter) {
      return new Detection.NoFaceFound();
    }
    List<DetectedFace> faces = new ArrayList<>();
    try (Mat grey = OpenCvImages.grey(image);
        RectVector hits = new RectVector();
        Size min = new Size(minSide, minSide);
        Size max = new Size()) {
      // Equalising first makes the cascade's fixed thresholds work on dark and washed-out photos.
      equalizeHist(grey, grey);
      cascade.detectMultiScale(grey, hits, SCALE_FACTOR, MIN_NEIGHBOURS, 0, min, max);
      for (long i = 0; i < hits.size(); i++) {
        Rect r = hits.get(i);
        // The cascade gives neither a confidence nor landmarks: every hit counts fully.
        faces.add(DetectedFace.boxOnly(new FaceBox(r.x(), r.y(), r.width(), r.height())));
      }
    }
    if (faces.isEmpty()) {
      return new Detection.NoFaceFound();
    }
    return Detection.of(faces, options.selection());
  }

  @Override
  public synchronized void close() {
    if (cascade != null) {
      cascade.close();
      cascade = null;
    }
  }

  /**
   * OpenCV loads cascades only from a file path, so the XML bundled in the platform jar is copied
   * to a temporary file, loaded, and deleted at once: the classifier keeps no reference to it.
   */
  private static CascadeClassifier loadCascade() {
    String resource =
        "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/haarcascades/" + CASCADE;
    Path file = null;
    try (InputStream in = CascadeClassifier.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "OpenCV's "
                + CASCADE
                + " is not on the class path (looked for "
                + resource
                + "); the org.bytedeco:opencv jar for "
                + Loader.getPlatform()
                + " is missing");
      }
      file = Files.createTempFile("facesearch-", "-" + CASCADE);
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      CascadeClassifier classifier = new CascadeClassifier(file.toString());
      if (classifier.empty()) {
        classifier.close();
        throw new IllegalStateException("OpenCV could not load the cascade " + resource);
      }
      return classifier;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + CASCADE + " to a temporary file", e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // A leftover temp file is harmless; the detector already works.
        }
      }
    }
  }
}
