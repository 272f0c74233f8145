package org.facesearch.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.facesearch.data.detect.FaceBox;
import org.facesearch.data.face.FramedFace;

/**
 * A face found in an uploaded photo, as the API returns it: where it was in the photo, and the face
 * framed like the gallery's images as a {@code data:} URL (a PNG), so the page can show it without
 * the server keeping the upload.
 */
record FaceJson(int x, int y, int width, int height, String crop) {

  static FaceJson of(FramedFace framed) {
    FaceBox box = framed.face();
    return new FaceJson(box.x(), box.y(), box.width(), box.height(), dataUrl(framed.image()));
  }

  private static String dataUrl(BufferedImage image) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the face as PNG: " + e.getMessage(), e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
  }
}
