package org.facesearch.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;
import org.facesearch.data.image.JpegEncoder;

/** Images made by tests: ones without faces and ones too large to decode. */
final class TestImages {
  private TestImages() {}

  /** A valid PNG of a plain wall: no face in it. */
  static byte[] blankWall() {
    return png(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), new Color(180, 170, 150));
  }

  /** A small file whose header claims more pixels than the decoder accepts. */
  static byte[] hugeDimensions() {
    return png(new BufferedImage(9_000, 8, BufferedImage.TYPE_BYTE_GRAY), Color.GRAY);
  }

  /** A real GIF: an image, but not a format facesearch reads. */
  static byte[] gif() {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    return encode(image, "gif");
  }

  /**
   * A phone-sized JPEG of {@code photo} as a phone stores a portrait shot: the pixels turned on
   * their side, with EXIF orientation 6 saying "turn 90 degrees clockwise to view" (or, without
   * {@code exif}, just the sideways pixels).
   */
  static byte[] sidewaysPhonePhoto(byte[] photo, int side, boolean exif) throws IOException {
    BufferedImage upright = ImageIO.read(new ByteArrayInputStream(photo));
    BufferedImage sideways = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sideways.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    // Stored pixels are the upright picture turned 90 degrees counter-clockwise.
    g.rotate(-Math.PI / 2, side / 2.0, side / 2.0);
    g.drawImage(upright, 0, 0, side, side, null);
    g.dispose();
    addSensorNoise(sideways);
    // ImageIO's encoder at a phone camera's quality: high, so the file is large.
    byte[] jpeg = JpegEncoder.withImageIo(sideways, 95);
    return exif ? withExifOrientation(jpeg, 6) : jpeg;
  }

  /** Grain like a phone sensor's, so the file is as large as a real photo of that size. */
  private static void addSensorNoise(BufferedImage image) {
    Random random = new Random(42);
    int[] row = new int[image.getWidth()];
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRGB(0, y, row.length, 1, row, 0, row.length);
      for (int x = 0; x < row.length; x++) {
        int r = Math.clamp(((row[x] >> 16) & 0xFF) + random.nextInt(17) - 8, 0, 255);
        int gr = Math.clamp(((row[x] >> 8) & 0xFF) + random.nextInt(17) - 8, 0, 255);
        int b = Math.clamp((row[x] & 0xFF) + random.nextInt(17) - 8, 0, 255);
        row[x] = (r << 16) | (gr << 8) | b;
      }
      image.setRGB(0, y, row.length, 1, row, 0, row.length);
    }
  }

  /**
   * Inserts an APP1 Exif segment holding only an orientation tag right after the JPEG's SOI marker.
   */
  private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // header, first IFD at 8
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112)
        .putShort((short) 3)
        .putInt(1)
        .putShort((short) orientation)
        .putShort((short) 0);
    tiff.putInt(0); // no next IFD
    byte[] exif = new byte[6 + tiff.capacity()];
    System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
    System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    int length = exif.length + 2;
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static byte[] png(BufferedImage image, Color fill) {
    Graphics2D g = image.createGraphics();
    g.setColor(fill);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.dispose();
    return encode(image, "png");
  }

  private static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
