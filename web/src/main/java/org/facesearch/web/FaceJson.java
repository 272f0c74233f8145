package org.facesearch.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.facesearch.data.detect.FaceBox;
import org.facesearch.data.detect.FaceLandmarks;
import org.facesearch.data.detect.ImagePoint;
import org.facesearch.data.face.FramedFace;

/**
 * A face found in an uploaded photo, as the API returns it: where it was in the photo, the
 * detector's score and the face's landmarks (none from the Haar detector), and the face framed like
 * the gallery's images as a {@code data:} URL (a PNG), so the page can show it without the server
 * keeping the upload.
 */
record FaceJson(
    int x,
    int y,
    int width,
    int height,
    double score,
    Map<String, ImagePoint> landmarks,
    String crop) {

  static FaceJson of(FramedFace framed) {
    FaceBox box = framed.face();
    return new FaceJson(
        box.x(),
        box.y(),
        box.width(),
        box.height(),
        framed.detection().score(),
        landmarksOf(framed),
        dataUrl(framed.image()));
  }

  /** Every face found, where it is without its crop: what the page draws over the photo. */
  record Found(
      int x, int y, int width, int height, double score, Map<String, ImagePoint> landmarks) {
    static Found of(FramedFace framed) {
      FaceBox box = framed.face();
      return new Found(
          box.x(),
          box.y(),
          box.width(),
          box.height(),
          framed.detection().score(),
          landmarksOf(framed));
    }
  }

  private static Map<String, ImagePoint> landmarksOf(FramedFace framed) {
    return framed.detection().landmarks().map(FaceLandmarks::named).orElse(Map.of());
  }

  private static String dataUrl(BufferedImage image) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    // ImageIO.write to a plain stream buffers through a temporary file (imageio*.tmp) while it
    // encodes: a photo's face would touch the disk, and a concurrent request could see the file.
    // A memory-cached stream keeps uploads in memory only, as the server promises.
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(png)) {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the face as PNG: " + e.getMessage(), e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
  }
}
