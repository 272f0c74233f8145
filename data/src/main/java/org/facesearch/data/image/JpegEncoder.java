package org.facesearch.data.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Images to JPEG files, in memory only: by OpenCV's libjpeg-turbo where it can ({@link OpenCvJpeg}:
 * the pixels ImageIO's encoder gives, for a fifth of the CPU or less), else by ImageIO.
 */
public final class JpegEncoder {
  private JpegEncoder() {}

  /**
   * {@code image} as a JPEG of {@code quality} (1 to 100, as libjpeg's scale: 90 is ImageIO's
   * 0.9f); an alpha channel is dropped.
   */
  public static byte[] encode(BufferedImage image, int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("JPEG quality is 1 to 100, got " + quality);
    }
    if (OpenCvJpeg.usable()) {
      var fast = OpenCvJpeg.encode(image, quality);
      if (fast.isPresent()) {
        return fast.get();
      }
    }
    return withImageIo(image, quality);
  }

  /**
   * ImageIO's encoding, the oracle the fast one is held to, and the bytes facesearch has always
   * written where a file is named by its SHA-256 (an enrolled face): the same face enrolled by
   * another version of facesearch then gets the same name.
   */
  public static byte[] withImageIo(BufferedImage image, int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("JPEG quality is 1 to 100, got " + quality);
    }
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    // ImageIO.write to a plain stream buffers through a temporary file (imageio*.tmp) while it
    // encodes: a photo's face would touch the disk, and a concurrent request could see the file.
    // A memory-cached stream keeps uploads in memory only, as the server promises.
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(jpeg)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      writer.setOutput(out);
      writer.write(null, new IIOImage(opaque(image), null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the image as JPEG: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return jpeg.toByteArray();
  }

  /** JPEG has no alpha channel: ImageIO would write a four-channel file browsers do not show. */
  private static BufferedImage opaque(BufferedImage image) {
    if (!image.getColorModel().hasAlpha()) {
      return image;
    }
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(image, 0, 0, null);
    return rgb;
  }
}
