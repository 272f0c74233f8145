package org.facesearch.indexer;

import java.awt.image.BufferedImage;
import org.facesearch.data.detect.Detection;
import org.facesearch.data.detect.DetectorOptions;
import org.facesearch.data.detect.FaceDetector;
import org.facesearch.data.detect.LfwFraming;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.ImageLimits;

/**
 * A user's photo to an LFW-framed face: decode, detect the largest face, frame it like LFW's
 * deep-funneled images. Enrolment, look-alike queries and verification all go through this one
 * class, so a query photo is prepared exactly as an enrolled one. Thread-safe (the detector
 * serialises its own use).
 */
public final class FaceReader implements AutoCloseable {
  private final ImageDecoder decoder;
  private final FaceDetector detector;
  private final LfwFraming framing;

  public FaceReader() {
    this(ImageLimits.DEFAULT);
  }

  /** Refuses photos over {@code limits} (bytes, dimensions) before decoding them. */
  public FaceReader(ImageLimits limits) {
    this(
        new ImageDecoder(limits),
        new FaceDetector(DetectorOptions.DEFAULT.withSelection(DetectorOptions.Selection.LARGEST)),
        LfwFraming.DEEP_FUNNELED);
  }

  public FaceReader(ImageDecoder decoder, FaceDetector detector, LfwFraming framing) {
    this.decoder = decoder;
    this.detector = detector;
    this.framing = framing;
  }

  /**
   * The photo's largest face, framed like LFW.
   *
   * @throws org.facesearch.data.image.InvalidImageException if the photo cannot be decoded
   * @throws NoFaceException if no face is found
   */
  public FramedFace read(Photo photo) {
    BufferedImage image = decoder.decode(photo.bytes(), photo.name());
    return switch (detector.detect(image)) {
      case Detection.FacesFound found ->
          new FramedFace(framing.frame(image, found.largest()), found.largest());
      case Detection.NoFaceFound none -> throw new NoFaceException(photo.name());
    };
  }

  /** Releases the native detector. */
  @Override
  public void close() {
    detector.close();
  }
}
