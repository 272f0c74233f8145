package org.facesearch.indexer;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.facesearch.data.image.CropBox;

/**
 * A user's photo to an LFW-framed face: decode, find the face, frame it like LFW. Enrolment,
 * look-alike queries and verification all go through this one class.
 *
 * <p>Until the data module's face detector and {@code LfwFraming} are merged, a photo is taken to
 * be LFW-framed already (as LFW's own images and the enrolled copies are): it is only rescaled to
 * 250x250, and the reported face region is LFW's face area ({@link CropBox#SEED}) scaled to the
 * photo. With detection, {@link #read} will also throw {@link NoFaceException}; callers already
 * handle it.
 */
public final class FaceReader implements AutoCloseable {

  /**
   * The photo's face, framed like LFW.
   *
   * @throws UnreadablePhotoException if the photo cannot be decoded
   * @throws NoFaceException if no face is found
   */
  public FramedFace read(Photo photo) {
    BufferedImage image = PhotoDecoder.decode(photo);
    return new FramedFace(toFrame(image), faceArea(image.getWidth(), image.getHeight()));
  }

  private static BufferedImage toFrame(BufferedImage image) {
    if (image.getWidth() == CropBox.FRAME && image.getHeight() == CropBox.FRAME) {
      return image;
    }
    BufferedImage framed = new BufferedImage(CropBox.FRAME, CropBox.FRAME, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = framed.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, CropBox.FRAME, CropBox.FRAME, null);
    } finally {
      g.dispose();
    }
    return framed;
  }

  private static FaceRegion faceArea(int width, int height) {
    CropBox face = CropBox.SEED;
    int x = face.left() * width / CropBox.FRAME;
    int y = face.top() * height / CropBox.FRAME;
    int w = Math.max(1, face.width() * width / CropBox.FRAME);
    int h = Math.max(1, face.height() * height / CropBox.FRAME);
    return new FaceRegion(x, y, w, h);
  }

  /** Releases the detector (none yet; the OpenCV detector will be native). */
  @Override
  public void close() {}
}
