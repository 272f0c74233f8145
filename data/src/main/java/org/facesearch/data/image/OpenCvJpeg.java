package org.facesearch.data.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_core.mixChannels;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteOrder;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Ordinary JPEGs (grey or YCbCr, no ICC profile) decoded by OpenCV's libjpeg-turbo instead of
 * ImageIO's libjpeg: the same pixels (compared on 325 LFW and placed-face photos, not one value
 * differed: both use libjpeg's integer IDCT and upsampling) in about a quarter of the time, which
 * on a large photo is a quarter of what a search query waits for. What libjpeg-turbo only warns
 * about (a truncated file) the caller checks from the markers before, since OpenCV passes no
 * warning on; orientation is left to the caller too ({@link ExifOrientation}), as for ImageIO.
 *
 * <p>Encoding too ({@link JpegEncoder}): libjpeg-turbo at the same quality makes files of the same
 * size that decode to exactly the pixels of ImageIO's (100 LFW face frames at quality 90, and the
 * photos of {@code JpegEncoderTest}), for 0.2-0.4 ms of CPU against ImageIO's 1.8-2.0 ms on a
 * 250x250 frame.
 */
final class OpenCvJpeg {
  private OpenCvJpeg() {}

  /** Copying OpenCV's B, G, R, 0 bytes straight into Java's 0x00RRGGBB ints needs this order. */
  static boolean usable() {
    return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  }

  /** The pixels as {@code TYPE_INT_RGB}, or empty when OpenCV cannot decode the bytes. */
  static Optional<BufferedImage> decode(byte[] jpeg) {
    try (PointerScope scope = new PointerScope()) {
      Mat encoded = new Mat(1, jpeg.length, CV_8UC1);
      encoded.data().put(jpeg);
      Mat bgr = imdecode(encoded, IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION);
      if (bgr.empty()) {
        return Optional.empty();
      }
      int w = bgr.cols();
      int h = bgr.rows();
      // B, G, R into a zeroed 4-byte pixel: the fourth byte, the int's top one, stays 0 as in
      // every TYPE_INT_RGB image ImageDecoder makes.
      Mat bgr0 = new Mat(h, w, CV_8UC4, new Scalar(0, 0, 0, 0));
      mixChannels(bgr, 1, bgr0, 1, new int[] {0, 0, 1, 1, 2, 2}, 3);
      BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      new IntPointer(bgr0.data())
          .get(((DataBufferInt) image.getRaster().getDataBuffer()).getData());
      return Optional.of(image);
    }
  }

  /** {@code image} as a baseline JPEG of {@code quality} (1 to 100), or empty if OpenCV fails. */
  static Optional<byte[]> encode(BufferedImage image, int quality) {
    int w = image.getWidth();
    int h = image.getHeight();
    // R, G, B of 0x??RRGGBB ints lie in memory as B, G, R, ?: one copy into a 4-byte matrix, then
    // OpenCV drops every fourth byte (an alpha channel, if any, goes with it, as JPEG has none).
    int[] rgb = PackedPixels.of(image);
    try (PointerScope scope = new PointerScope()) {
      Mat bgr0 = new Mat(h, w, CV_8UC4);
      new IntPointer(bgr0.data()).put(rgb);
      Mat bgr = new Mat(h, w, CV_8UC3);
      mixChannels(bgr0, 1, bgr, 1, new int[] {0, 0, 1, 1, 2, 2}, 3);
      // The encoded bytes are a native copy JavaCPP makes of OpenCV's buffer: freed here, not
      // left for the garbage collector to find.
      try (BytePointer jpeg = new BytePointer()) {
        if (!imencode(".jpg", bgr, jpeg, new IntPointer(IMWRITE_JPEG_QUALITY, quality))) {
          return Optional.empty();
        }
        byte[] bytes = new byte[Math.toIntExact(jpeg.limit())];
        jpeg.get(bytes);
        return Optional.of(bytes);
      }
    }
  }
}
