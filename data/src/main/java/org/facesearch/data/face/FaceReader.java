package org.facesearch.data.face;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import org.facesearch.data.align.FaceAligner;
import org.facesearch.data.align.FaceTemplate;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.detect.DetectedFace;
import org.facesearch.data.detect.Detection;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.detect.DetectorOptions;
import org.facesearch.data.detect.FaceDetector;
import org.facesearch.data.detect.LfwFraming;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.timing.Stage;
import org.facesearch.data.timing.StageTimes;

/**
 * A user's photo to LFW-framed faces: decode, detect, frame each face like LFW's deep-funneled
 * images (on demand: a face is framed when its {@link FramedFace#image()} is first asked for).
 * Enrolment, look-alike queries and verification all go through this one class, so a query photo is
 * prepared exactly as an enrolled one.
 *
 * <p>A face with landmarks (BlazeFace) is aligned: rotated, scaled and moved so its eyes, nose and
 * mouth land where they sit on average in LFW's frame ({@link FaceTemplate#LFW_DEEP_FUNNELED}). A
 * face with only a box (Haar) is framed from the box ({@link LfwFraming}).
 *
 * <p>Thread-safe (the detector serialises its own use). Closing the reader closes its detector.
 */
public final class FaceReader implements AutoCloseable {
  private final ImageDecoder decoder;
  private final FaceDetector detector;
  private final LfwFraming framing;
  private final FaceTemplate template;

  /** Reads photos within {@link ImageLimits#DEFAULT} with {@code detector}. */
  public FaceReader(FaceDetector detector) {
    this(detector, ImageLimits.DEFAULT);
  }

  /** Refuses photos over {@code limits} (bytes, dimensions) before decoding them. */
  public FaceReader(FaceDetector detector, ImageLimits limits) {
    this(
        new ImageDecoder(limits),
        detector,
        LfwFraming.DEEP_FUNNELED,
        FaceTemplate.LFW_DEEP_FUNNELED);
  }

  public FaceReader(
      ImageDecoder decoder, FaceDetector detector, LfwFraming framing, FaceTemplate template) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.detector = Objects.requireNonNull(detector, "detector");
    this.framing = Objects.requireNonNull(framing, "framing");
    this.template = Objects.requireNonNull(template, "template");
    if (template.width() != CropBox.FRAME || template.height() != CropBox.FRAME) {
      throw new IllegalArgumentException(
          "a face reader aligns to the "
              + CropBox.FRAME
              + "x"
              + CropBox.FRAME
              + " LFW frame, got the template "
              + template.name());
    }
  }

  /**
   * A reader with the {@code kind} detector and its {@link DetectorKind#readerOptions()}, model
   * files from {@code assets}.
   *
   * @throws org.facesearch.data.assets.AssetException if the detector's model cannot be fetched or
   *     is damaged
   */
  public static FaceReader open(DetectorKind kind, AssetStore assets, ImageLimits limits) {
    return new FaceReader(kind.open(assets), limits);
  }

  public DetectorKind detector() {
    return detector.kind();
  }

  /**
   * The photo's largest face, framed like LFW.
   *
   * @throws org.facesearch.data.image.InvalidImageException if the photo cannot be decoded
   * @throws NoFaceException if no face is found
   */
  public FramedFace read(Photo photo) {
    BufferedImage image = decode(photo);
    return frame(image, faces(image, photo, DetectorOptions.Selection.LARGEST).largest());
  }

  /**
   * Every face the detector reports (all of them unless it was opened for the largest only),
   * largest first, each framed like LFW.
   *
   * @throws org.facesearch.data.image.InvalidImageException if the photo cannot be decoded
   * @throws NoFaceException if no face is found
   */
  public List<FramedFace> readAll(Photo photo) {
    BufferedImage image = decode(photo);
    return faces(image, photo, detector.options().selection()).faces().stream()
        .map(face -> frame(image, face))
        .toList();
  }

  private BufferedImage decode(Photo photo) {
    return StageTimes.time(Stage.DECODE, () -> decoder.decode(photo.bytes(), photo.name()));
  }

  private Detection.FacesFound faces(
      BufferedImage image, Photo photo, DetectorOptions.Selection selection) {
    return switch (StageTimes.time(Stage.DETECT, () -> detector.detect(image, selection))) {
      case Detection.FacesFound found -> found;
      case Detection.NoFaceFound none -> throw new NoFaceException(photo.name());
    };
  }

  /** The face, to be framed when something asks for its frame (see {@link FramedFace}). */
  private FramedFace frame(BufferedImage image, DetectedFace face) {
    return new FramedFace(
        face,
        detector.kind(),
        image,
        () ->
            StageTimes.time(
                Stage.FRAME,
                () ->
                    face.landmarks().isPresent()
                        ? FaceAligner.align(
                                image,
                                face.landmarks().get(),
                                template,
                                FaceAligner.Supersampling.LARGE_SHRINK)
                            .image()
                        : framing.frame(image, face.box())));
  }

  /** Releases the native detector. */
  @Override
  public void close() {
    detector.close();
  }
}
