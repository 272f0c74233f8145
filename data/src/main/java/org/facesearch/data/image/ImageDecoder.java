package org.facesearch.data.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.facesearch.data.image.InvalidImageException.Reason;

/**
 * Reads a JPEG, PNG, WebP, BMP or TIFF into upright 8-bit RGB ({@code TYPE_INT_RGB}), the one form
 * the rest of facesearch handles. Size limits are checked on the byte count and the header before
 * any pixel is decoded, whatever the format; truncated or damaged files are refused rather than
 * returned half grey (ImageIO itself only warns). Ordinary JPEGs, most of what users send, are
 * decoded by OpenCV ({@link OpenCvJpeg}: the same pixels, four times faster); there a file cut
 * short is refused from its markers, while damage inside the compressed data that ImageIO would
 * have warned about decodes as libjpeg-turbo draws it. Stateless and thread-safe.
 */
public final class ImageDecoder {
  private final ImageLimits limits;

  public ImageDecoder() {
    this(ImageLimits.DEFAULT);
  }

  public ImageDecoder(ImageLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public ImageLimits limits() {
    return limits;
  }

  /**
   * Decodes a file; errors name it.
   *
   * @throws InvalidImageException if it is not a usable image of those formats
   * @throws UncheckedIOException if it cannot be read
   */
  public BufferedImage decode(Path file) {
    String source = file.toString();
    try {
      long size = Files.size(file);
      checkByteCount(size, source);
      return decode(Files.readAllBytes(file), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image " + file + ": " + e.getMessage(), e);
    }
  }

  /** Decodes image bytes, e.g. an upload. */
  public BufferedImage decode(byte[] bytes) {
    return decode(bytes, "image");
  }

  /**
   * Decodes image bytes; {@code source} (a file or upload name) starts every error message.
   *
   * @throws InvalidImageException if the bytes are not a usable image of those formats
   */
  public BufferedImage decode(byte[] bytes, String source) {
    checkByteCount(bytes.length, source);
    ImageFormat format = ImageFormat.detect(bytes, source);
    ImageReader reader = ImageIO.getImageReadersByFormatName(format.imageIoName()).next();
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, false);
      checkDimensions(reader, source);
      BufferedImage rgb = readPixels(reader, format, bytes);
      if (!warnings.isEmpty()) {
        throw new InvalidImageException(
            Reason.CORRUPT,
            source + ": damaged " + format + " (" + String.join("; ", warnings) + ")");
      }
      return ExifOrientation.apply(rgb, ExifOrientation.of(bytes, format));
    } catch (IOException e) {
      throw failure(format, source, e);
    } catch (InvalidImageException e) {
      throw e;
    } catch (RuntimeException e) {
      // ImageIO's decoders throw assorted unchecked exceptions on garbage data.
      throw failure(format, source, e);
    } finally {
      reader.dispose();
    }
  }

  private void checkByteCount(long size, String source) {
    if (size == 0) {
      throw new InvalidImageException(Reason.EMPTY, source + ": empty (0 bytes)");
    }
    if (size > limits.maxBytes()) {
      throw new InvalidImageException(
          Reason.TOO_LARGE,
          source + ": " + size + " bytes is over the limit of " + limits.maxBytes() + " bytes");
    }
  }

  private void checkDimensions(ImageReader reader, String source) throws IOException {
    int w = reader.getWidth(0);
    int h = reader.getHeight(0);
    if (w > limits.maxWidth() || h > limits.maxHeight() || (long) w * h > limits.maxPixels()) {
      throw new InvalidImageException(
          Reason.TOO_LARGE,
          source
              + ": "
              + w
              + "x"
              + h
              + " pixels is over the limit of "
              + limits.maxWidth()
              + "x"
              + limits.maxHeight()
              + " and "
              + limits.maxPixels()
              + " pixels in all");
    }
  }

  private static BufferedImage readPixels(ImageReader reader, ImageFormat format, byte[] bytes)
      throws IOException {
    if (format == ImageFormat.JPEG) {
      JpegHeader header = JpegHeader.scan(bytes);
      if (header.isFourChannel()) {
        // CMYK/YCCK: convert the raw samples ourselves; ImageIO's handling varies by JDK version.
        return RgbConversion.cmykToRgb(
            reader.readRaster(0, null), header.isYcck(), header.isAdobe());
      }
      if (!header.iccProfile() && OpenCvJpeg.usable()) {
        if (!header.endsAfterScan(bytes)) {
          throw new IIOException("Premature end of JPEG file: no end-of-image marker");
        }
        Optional<BufferedImage> fast = OpenCvJpeg.decode(bytes);
        if (fast.isPresent()) {
          return fast.get();
        }
        // What OpenCV cannot read, ImageIO reads or explains.
      }
    }
    return RgbConversion.toRgb(reader.read(0));
  }

  private static InvalidImageException failure(ImageFormat format, String source, Exception e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    boolean unsupported = e instanceof IIOException && detail.toLowerCase().contains("unsupported");
    return new InvalidImageException(
        unsupported ? Reason.UNSUPPORTED_FORMAT : Reason.CORRUPT,
        source
            + ": "
            + (unsupported ? "unsupported kind of " : "damaged ")
            + format
            + " ("
            + detail
            + ")",
        e);
  }
}
