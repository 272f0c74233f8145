package org.facesearch.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Writes the odd files the decoder tests (and the reliability suite's {@code BadInputs}) need:
 * plain encodings plus hand-made EXIF and PNG chunks.
 */
public final class TestImages {
  private TestImages() {}

  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException(
            "no ImageIO writer for " + format + " and image type " + image.getType());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A 4-channel JPEG of {@code samples} written as they are, with an Adobe APP14 marker carrying
   * {@code adobeTransform} (0 = CMYK, 2 = YCCK), or without one when it is null.
   */
  public static byte[] fourChannelJpeg(Raster samples, Integer adobeTransform) {
    try {
      byte[] plain = writeJpegRaster(samples, null);
      if (adobeTransform == null) {
        return plain;
      }
      ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
      reader.setInput(new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(plain)));
      IIOMetadata metadata = reader.getImageMetadata(0);
      String format = "javax_imageio_jpeg_image_1.0";
      IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(format);
      IIOMetadataNode markers =
          (IIOMetadataNode) tree.getElementsByTagName("markerSequence").item(0);
      IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
      adobe.setAttribute("version", "100");
      adobe.setAttribute("flags0", "0");
      adobe.setAttribute("flags1", "0");
      adobe.setAttribute("transform", adobeTransform.toString());
      markers.insertBefore(adobe, markers.getFirstChild());
      metadata.setFromTree(format, tree);
      return writeJpegRaster(samples, metadata);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] writeJpegRaster(Raster samples, IIOMetadata metadata) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(samples, null, metadata), writer.getDefaultWriteParam());
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A big-endian TIFF block holding one IFD0 entry: Orientation = {@code value}. */
  public static byte[] exifOrientation(int value) {
    ByteBuffer tiff = ByteBuffer.allocate(26);
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8); // header, IFD0 at offset 8
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
    tiff.putShort((short) value).putShort((short) 0); // value, padded to 4 bytes
    tiff.putInt(0); // no next IFD
    return tiff.array();
  }

  /**
   * {@code jpeg} with an APP1 Exif segment holding {@code tiff} right after SOI, before any APP0.
   */
  public static byte[] withJpegExif(byte[] jpeg, byte[] tiff) {
    byte[] header = {'E', 'x', 'i', 'f', 0, 0};
    int length = 2 + header.length + tiff.length;
    ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
    out.put(jpeg, 0, 2); // SOI
    out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(header).put(tiff);
    out.put(jpeg, 2, jpeg.length - 2);
    return out.array();
  }

  /** {@code png} with {@code chunk} inserted right after IHDR (8-byte signature + 25-byte IHDR). */
  static byte[] withPngChunk(byte[] png, String type, byte[] data) {
    byte[] chunk = pngChunk(type, data);
    int afterHeader = 8 + 25;
    ByteBuffer out = ByteBuffer.allocate(png.length + chunk.length);
    out.put(png, 0, afterHeader).put(chunk).put(png, afterHeader, png.length - afterHeader);
    return out.array();
  }

  /** A PNG that is only a header claiming {@code width x height}, an empty IDAT and IEND. */
  public static byte[] pngHeaderOnly(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
    ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    out.writeBytes(pngChunk("IHDR", ihdr.array()));
    out.writeBytes(pngChunk("IDAT", new byte[0]));
    out.writeBytes(pngChunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  private static byte[] pngChunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length)
        .putInt(data.length)
        .put(typeBytes)
        .put(data)
        .putInt((int) crc.getValue())
        .array();
  }
}
