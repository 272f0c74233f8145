package org.facesearch.data.image;

import org.facesearch.data.image.InvalidImageException.Reason;

/**
 * The formats the decoder reads, recognised by their leading bytes (never by file name). JPEG and
 * PNG are the JDK's own ImageIO readers; WebP (what browsers save from the web), BMP and TIFF come
 * from the TwelveMonkeys plugins, pure Java like the rest.
 */
enum ImageFormat {
  JPEG("jpeg"),
  PNG("png"),
  WEBP("webp"),
  BMP("bmp"),
  TIFF("tiff");

  private final String imageIoName;

  ImageFormat(String imageIoName) {
    this.imageIoName = imageIoName;
  }

  String imageIoName() {
    return imageIoName;
  }

  /**
   * The format of {@code bytes}.
   *
   * @throws InvalidImageException UNSUPPORTED_FORMAT for other image formats, NOT_AN_IMAGE
   *     otherwise
   */
  static ImageFormat detect(byte[] bytes, String source) {
    if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
      return WEBP;
    }
    // "BM" plus a header size field that only a bitmap info header has: "BM" alone starts text.
    if (startsWith(bytes, 0, 'B', 'M') && bytes.length >= 18 && isBmpHeaderSize(bytes)) {
      return BMP;
    }
    if (startsWith(bytes, 0, 'I', 'I', 42, 0) || startsWith(bytes, 0, 'M', 'M', 0, 42)) {
      return TIFF;
    }
    if (startsWith(bytes, 4, 'f', 't', 'y', 'p')) {
      throw new InvalidImageException(
          Reason.UNSUPPORTED_FORMAT,
          source
              + ": HEIC/HEIF/AVIF images (an iPhone's default) are not supported; save it as JPEG"
              + " (e.g. open it and export or share it as JPEG, or set the camera to 'Most"
              + " Compatible') and try again");
    }
    if (startsWith(bytes, 0, 'G', 'I', 'F', '8')) {
      throw new InvalidImageException(
          Reason.UNSUPPORTED_FORMAT,
          source + ": GIF images are not supported; save it as JPEG or PNG");
    }
    throw new InvalidImageException(
        Reason.NOT_AN_IMAGE, source + ": not an image (none of JPEG, PNG, WebP, BMP or TIFF data)");
  }

  /** The DIB header sizes BMP versions use (12: OS/2 v1, 40: Windows v3, ... 124: v5). */
  private static boolean isBmpHeaderSize(byte[] b) {
    int size = (b[14] & 0xFF) | (b[15] & 0xFF) << 8 | (b[16] & 0xFF) << 16 | (b[17] & 0xFF) << 24;
    return size == 12
        || size == 16
        || size == 40
        || size == 52
        || size == 56
        || size == 64
        || size == 108
        || size == 124;
  }

  private static boolean startsWith(byte[] bytes, int offset, int... prefix) {
    if (bytes.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[offset + i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
