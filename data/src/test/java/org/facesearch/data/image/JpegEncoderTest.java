package org.facesearch.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {
  private final ImageDecoder decoder = new ImageDecoder();

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static BufferedImage read(byte[] jpeg) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(jpeg));
  }

  @Test
  void realLfwPhotosEncodeToThePixelsOfImageIosJpeg() throws IOException {
    List<FaceImage> images = LfwDataset.open(LfwTestData.root()).images();
    int compared = 0;
    for (int i = 0; i < images.size(); i += 331) {
      BufferedImage photo = decoder.decode(images.get(i).path());
      for (int quality : new int[] {75, 90}) {
        byte[] fast = JpegEncoder.encode(photo, quality);
        byte[] imageIo = JpegEncoder.withImageIo(photo, quality);
        BufferedImage decoded = read(fast);
        assertEquals(250, decoded.getWidth());
        assertEquals(3, decoded.getColorModel().getNumComponents(), "a colour JPEG");
        assertArrayEquals(pixels(read(imageIo)), pixels(decoded), images.get(i).path().toString());
        compared++;
      }
    }
    assertTrue(compared >= 60, compared + " encodings compared");
  }

  @Test
  void anAlphaChannelIsDroppedAndOtherImageTypesAreRead() throws IOException {
    BufferedImage photo =
        decoder.decode(LfwTestData.root().resolve("images/Aaron_Eckhart/Aaron_Eckhart_0001.jpg"));
    BufferedImage argb = new BufferedImage(250, 250, BufferedImage.TYPE_INT_ARGB);
    BufferedImage bgr = new BufferedImage(250, 250, BufferedImage.TYPE_3BYTE_BGR);
    argb.getGraphics().drawImage(photo, 0, 0, null);
    bgr.getGraphics().drawImage(photo, 0, 0, null);
    int[] expected = pixels(read(JpegEncoder.encode(photo, 90)));
    assertArrayEquals(expected, pixels(read(JpegEncoder.encode(argb, 90))));
    assertArrayEquals(expected, pixels(read(JpegEncoder.encode(bgr, 90))));
  }

  @Test
  void aQualityOutsideOneToAHundredIsRefused() {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JpegEncoder.encode(image, 0));
    assertEquals("JPEG quality is 1 to 100, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JpegEncoder.encode(image, 101));
  }

  /**
   * Enrolled faces are named by their SHA-256: {@code withImageIo} must give, byte for byte, what
   * the enroller wrote before it called this class (ImageIO through a default output stream at
   * quality 0.95f).
   */
  @Test
  void imageIosBytesAreTheOnesTheEnrollerAlwaysWrote() throws IOException {
    BufferedImage photo =
        decoder.decode(LfwTestData.root().resolve("images/Aaron_Eckhart/Aaron_Eckhart_0001.jpg"));
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream before = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(before)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.95f);
      writer.write(null, new IIOImage(photo, null, null), param);
    } finally {
      writer.dispose();
    }
    assertArrayEquals(before.toByteArray(), JpegEncoder.withImageIo(photo, 95));
  }
}
