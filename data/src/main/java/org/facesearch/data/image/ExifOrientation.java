package org.facesearch.data.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * EXIF orientation (TIFF tag 274): phones store pixels as the sensor saw them and record how to
 * turn them upright. Values 1-8 per the EXIF specification; anything else means upright.
 */
final class ExifOrientation {
  static final int UPRIGHT = 1;

  private ExifOrientation() {}

  /** The orientation recorded in the file, or {@link #UPRIGHT} when there is none. */
  static int of(byte[] bytes, ImageFormat format) {
    try {
      Metadata metadata =
          switch (format) {
            case JPEG ->
                JpegMetadataReader.readMetadata(
                    new ByteArrayInputStream(bytes), List.of(new ExifReader()));
            case PNG -> PngMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
            case WEBP, BMP, TIFF ->
                ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
          };
      ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
      if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
        int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
        return value >= 1 && value <= 8 ? value : UPRIGHT;
      }
    } catch (Exception e) {
      // EXIF is optional: a damaged metadata block must not reject pixels that decode fine.
    }
    return UPRIGHT;
  }

  /** {@code image} turned upright; swaps width and height for orientations 5-8. */
  static BufferedImage apply(BufferedImage image, int orientation) {
    if (orientation == UPRIGHT) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean swaps = orientation >= 5;
    int outW = swaps ? h : w;
    int outH = swaps ? w : h;
    int[] source = image.getRGB(0, 0, w, h, null, 0, w);
    int[] out = new int[source.length];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        // (sx, sy): the stored pixel shown at (x, y) once upright.
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> {
            sx = w - 1 - x;
            sy = y;
          } // mirrored left-right
          case 3 -> {
            sx = w - 1 - x;
            sy = h - 1 - y;
          } // upside down
          case 4 -> {
            sx = x;
            sy = h - 1 - y;
          } // mirrored top-bottom
          case 5 -> {
            sx = y;
            sy = x;
          } // transposed
          case 6 -> {
            sx = y;
            sy = h - 1 - x;
          } // needs 90 degrees clockwise
          case 7 -> {
            sx = w - 1 - y;
            sy = h - 1 - x;
          } // transversed
          case 8 -> {
            sx = w - 1 - y;
            sy = x;
          } // needs 90 degrees anticlockwise
          default ->
              throw new IllegalArgumentException(
                  "EXIF orientation must be 1..8, got " + orientation);
        }
        out[y * outW + x] = source[sy * w + sx];
      }
    }
    return RgbConversion.fromPixels(outW, outH, out);
  }
}
