package org.facesearch.data.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.facesearch.data.image.InvalidImageException.Reason;
import org.facesearch.data.image.TestImages;

/**
 * The reliability suite's corpus of awkward uploads, made fresh by each test from one real LFW
 * photo: files the decoder must refuse, files that decode but hold no face, and odd encodings of
 * the face that must still be found.
 */
public final class BadInputs {
  private BadInputs() {}

  /** What facesearch must make of an input. */
  public sealed interface Outcome {}

  /** Refused by the decoder for {@code reason}, with {@code message} in the error. */
  public record Refused(Reason reason, String message) implements Outcome {}

  /** Decodes, but no face is found. */
  public record NoFace() implements Outcome {}

  /** Decodes and the photo's person is found. */
  public record Face(String person) implements Outcome {}

  /** One input: a short name for test reports, a file name, its bytes, and what must happen. */
  public record BadInput(String name, String fileName, byte[] bytes, Outcome outcome) {
    public Path writeTo(Path dir) {
      try {
        return Files.write(dir.resolve(fileName), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The corpus, built around {@code photo}, an LFW JPEG of {@code person}. */
  public static List<BadInput> corpus(Path photo, String person) {
    byte[] jpeg = read(photo);
    BufferedImage face = decode(jpeg);
    return List.of(
        new BadInput(
            "zero bytes", "empty.jpg", new byte[0], new Refused(Reason.EMPTY, ": empty (0 bytes)")),
        new BadInput(
            "truncated JPEG",
            "truncated.jpg",
            Arrays.copyOf(jpeg, jpeg.length / 2),
            new Refused(Reason.CORRUPT, ": damaged JPEG")),
        new BadInput(
            "text named .jpg",
            "notes.jpg",
            "this is not a photo\n".getBytes(StandardCharsets.UTF_8),
            new Refused(Reason.NOT_AN_IMAGE, ": not an image")),
        new BadInput(
            "PNG claiming 40000x40000",
            "huge.png",
            TestImages.pngHeaderOnly(40_000, 40_000),
            new Refused(Reason.TOO_LARGE, ": 40000x40000 pixels is over the limit")),
        new BadInput(
            "BMP claiming 40000x40000",
            "huge.bmp",
            bmpHeaderOnly(40_000, 40_000),
            new Refused(Reason.TOO_LARGE, ": 40000x40000 pixels is over the limit")),
        new BadInput(
            "HEIC photo",
            "iphone.heic",
            heicStart(),
            new Refused(Reason.UNSUPPORTED_FORMAT, ": HEIC/HEIF/AVIF images")),
        new BadInput(
            "animated GIF",
            "animated.gif",
            animatedGif(),
            new Refused(Reason.UNSUPPORTED_FORMAT, ": GIF images are not supported")),
        new BadInput(
            "1x1 image",
            "dot.png",
            TestImages.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png"),
            new NoFace()),
        new BadInput("image with no face", "wall.png", wall(), new NoFace()),
        new BadInput("CMYK JPEG", "cmyk.jpg", cmykJpeg(face), new Face(person)),
        new BadInput("16-bit PNG", "sixteen.png", sixteenBitGrey(face), new Face(person)),
        new BadInput(
            "grey PNG with alpha", "grey-alpha.png", greyWithAlpha(face), new Face(person)),
        new BadInput(
            "BMP of the photo", "face.bmp", TestImages.encode(face, "bmp"), new Face(person)),
        new BadInput(
            "TIFF of the photo", "face.tif", TestImages.encode(face, "tiff"), new Face(person)),
        new BadInput(
            "JPEG with ~1 MB of APP1", "big-exif.jpg", withHugeApp1(jpeg), new Face(person)));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage decode(byte[] jpeg) {
    try {
      return ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A Windows BMP file header and info header claiming {@code width x height}, 24-bit, no pixels.
   */
  private static byte[] bmpHeaderOnly(int width, int height) {
    java.nio.ByteBuffer header =
        java.nio.ByteBuffer.allocate(54).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    header.put((byte) 'B').put((byte) 'M').putInt(54 + 3 * width * height).putInt(0).putInt(54);
    header.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24);
    header.putInt(0).putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0);
    return header.array();
  }

  /** The start of an iPhone photo: an ISO media {@code ftyp} box of brand {@code heic}. */
  private static byte[] heicStart() {
    byte[] box = new byte[64];
    byte[] ftyp = {
      0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e',
      'i', 'c'
    };
    System.arraycopy(ftyp, 0, box, 0, ftyp.length);
    return box;
  }

  private static byte[] wall() {
    BufferedImage wall = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = wall.createGraphics();
    g.setColor(new Color(180, 170, 150));
    g.fillRect(0, 0, 320, 240);
    g.dispose();
    return TestImages.encode(wall, "png");
  }

  /** Two frames, written as a GIF sequence. */
  private static byte[] animatedGif() {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      for (Color colour : List.of(Color.RED, Color.BLUE)) {
        BufferedImage frame = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 32, 32);
        g.dispose();
        writer.writeToSequence(new IIOImage(frame, null, null), null);
      }
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /**
   * The photo as Photoshop writes CMYK: inks C=255-R, M=255-G, Y=255-B, K=0, each stored as 255
   * minus the ink under an Adobe APP14 marker.
   */
  private static byte[] cmykJpeg(BufferedImage rgb) {
    WritableRaster samples =
        Raster.createInterleavedRaster(
            DataBuffer.TYPE_BYTE, rgb.getWidth(), rgb.getHeight(), 4, null);
    for (int y = 0; y < rgb.getHeight(); y++) {
      for (int x = 0; x < rgb.getWidth(); x++) {
        int pixel = rgb.getRGB(x, y);
        samples.setPixel(
            x, y, new int[] {(pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF, 255});
      }
    }
    return TestImages.fourChannelJpeg(samples, 0);
  }

  private static int grey(int rgb) {
    return (int)
        Math.round(
            0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF));
  }

  private static byte[] sixteenBitGrey(BufferedImage rgb) {
    BufferedImage deep =
        new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster raster = deep.getRaster();
    for (int y = 0; y < rgb.getHeight(); y++) {
      for (int x = 0; x < rgb.getWidth(); x++) {
        raster.setSample(x, y, 0, grey(rgb.getRGB(x, y)) * 257);
      }
    }
    return TestImages.encode(deep, "png");
  }

  /** Grey plus a fully opaque alpha channel: PNG colour type 4. */
  private static byte[] greyWithAlpha(BufferedImage rgb) {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY),
            true,
            false,
            Transparency.TRANSLUCENT,
            DataBuffer.TYPE_BYTE);
    WritableRaster raster = model.createCompatibleWritableRaster(rgb.getWidth(), rgb.getHeight());
    for (int y = 0; y < rgb.getHeight(); y++) {
      for (int x = 0; x < rgb.getWidth(); x++) {
        raster.setPixel(x, y, new int[] {grey(rgb.getRGB(x, y)), 255});
      }
    }
    return TestImages.encode(new BufferedImage(model, raster, false, null), "png");
  }

  /**
   * {@code jpeg} with an Exif APP1 segment and fifteen more APP1 segments (as extended XMP is
   * stored) right after SOI: about 1 MB of metadata before the pixels.
   */
  private static byte[] withHugeApp1(byte[] jpeg) {
    int segmentBytes = 65_533; // an APP1 segment's largest payload
    byte[] exif = TestImages.withJpegExif(jpeg, padded(TestImages.exifOrientation(1), 60_000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(exif, 0, 2); // SOI
    byte[] xmpId = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 15; i++) {
      byte[] payload = new byte[segmentBytes];
      System.arraycopy(xmpId, 0, payload, 0, xmpId.length);
      Arrays.fill(payload, xmpId.length, payload.length, (byte) ('a' + i));
      out.write(0xFF);
      out.write(0xE1);
      out.writeBytes(ByteBuffer.allocate(2).putShort((short) (payload.length + 2)).array());
      out.writeBytes(payload);
    }
    out.write(exif, 2, exif.length - 2);
    return out.toByteArray();
  }

  private static byte[] padded(byte[] tiff, int length) {
    return Arrays.copyOf(tiff, Math.max(length, tiff.length));
  }
}
