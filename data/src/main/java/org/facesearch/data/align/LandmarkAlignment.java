package org.facesearch.data.align;

import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.detect.DetectedFace;
import org.facesearch.data.detect.Detection;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.detect.FaceDetector;
import org.facesearch.data.detect.ImagePoint;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.timing.Stage;
import org.facesearch.data.timing.StageTimes;

/**
 * Detect, locate landmarks, warp: the face of an LFW-framed image moved onto a {@link ChipTemplate}
 * by the least-squares similarity from its located points to the template's. The face nearest the
 * frame's centre is the one aligned (LFW centres its person; a bystander can be larger). Where the
 * detector finds no face, the {@code fallback} box of the frame is used as it is, scaled to the
 * chip, and the result says so.
 *
 * <p>Closing it closes the detector and the locator.
 */
public final class LandmarkAlignment implements FaceAlignment {
  private final FaceDetector detector;
  private final LandmarkLocator locator;
  private final ChipTemplate template;
  private final CropBox fallback;

  /**
   * Takes ownership of {@code detector} and {@code locator}.
   *
   * @param fallback the square of LFW's frame that stands in for the chip when no face is found
   */
  public LandmarkAlignment(
      FaceDetector detector, LandmarkLocator locator, ChipTemplate template, CropBox fallback) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.locator = Objects.requireNonNull(locator, "locator");
    this.template = Objects.requireNonNull(template, "template");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    if (fallback.width() != fallback.height()) {
      throw new IllegalArgumentException("the fallback framing must be square, got " + fallback);
    }
  }

  @Override
  public String id() {
    return "landmarks("
        + detector.kind().id()
        + ","
        + locator.id()
        + ","
        + template.name()
        + ","
        + template.size()
        + "px,fallback "
        + fallback.top()
        + ","
        + fallback.left()
        + ","
        + fallback.bottom()
        + ","
        + fallback.right()
        + ")";
  }

  @Override
  public int size() {
    return template.size();
  }

  public ChipTemplate template() {
    return template;
  }

  @Override
  public Aligned align(BufferedImage framed) {
    Objects.requireNonNull(framed, "framed");
    int size = template.size();
    if (detector.detect(framed) instanceof Detection.FacesFound found) {
      return located(framed, central(found, framed));
    }
    return new Aligned(FaceAligner.warp(framed, fallbackTransform(framed), size, size), true);
  }

  /**
   * Any photo's face found by this alignment's kind of detector: its box is what the locator's
   * landmarks were fitted on (the reader's BlazeFace looks at more scales than this one's single
   * pass, but a face either finds is boxed by the same network's conventions).
   */
  @Override
  public Optional<Aligned> alignDetected(
      BufferedImage photo, DetectedFace face, DetectorKind detector) {
    Objects.requireNonNull(photo, "photo");
    Objects.requireNonNull(face, "face");
    return detector == this.detector.kind() ? Optional.of(located(photo, face)) : Optional.empty();
  }

  /** Landmarks on {@code face}'s box, then the one warp from {@code image} onto the chip. */
  private Aligned located(BufferedImage image, DetectedFace face) {
    List<ImagePoint> points = StageTimes.time(Stage.LANDMARKS, () -> locator.locate(image, face));
    SimilarityTransform toChip =
        SimilarityTransform.fit(template.sources(points), template.targets());
    return new Aligned(FaceAligner.warp(image, toChip, template.size(), template.size()), false);
  }

  /** The frame's fallback box (relative to 250x250, like every {@link CropBox}) onto the chip. */
  private SimilarityTransform fallbackTransform(BufferedImage framed) {
    double perFramePixel = framed.getWidth() / (double) CropBox.FRAME;
    double scale = template.size() / (fallback.width() * perFramePixel);
    return new SimilarityTransform(
        scale,
        0,
        -fallback.left() * perFramePixel * scale,
        -fallback.top() * perFramePixel * scale);
  }

  private static DetectedFace central(Detection.FacesFound found, BufferedImage image) {
    ImagePoint centre = new ImagePoint(image.getWidth() / 2.0, image.getHeight() / 2.0);
    return found.faces().stream()
        .min(
            Comparator.comparingDouble(
                f -> new ImagePoint(f.box().centerX(), f.box().centerY()).distance(centre)))
        .orElseThrow();
  }

  @Override
  public void close() {
    try (locator) {
      detector.close();
    }
  }
}
