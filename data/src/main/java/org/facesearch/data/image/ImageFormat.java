package org.facesearch.data.image;

import org.facesearch.data.image.InvalidImageException.Reason;

/** The formats the decoder reads, recognised by their leading bytes (never by file name). */
enum ImageFormat {
  JPEG("jpeg"),
  PNG("png");

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
   * @throws InvalidImageException UNSUPPORTED_FORMAT for other image formats, NOT_AN_IMAGE otherwise
   */
  static ImageFormat detect(byte[] bytes, String source) {
    if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    String other = otherImageFormat(bytes);
    if (other != null) {
      throw new InvalidImageException(
          Reason.UNSUPPORTED_FORMAT, source + ": " + other + " images are not supported; use a JPEG or PNG");
    }
    throw new InvalidImageException(
        Reason.NOT_AN_IMAGE, source + ": not an image (neither JPEG nor PNG data)");
  }

  private static String otherImageFormat(byte[] b) {
    if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
      return "GIF";
    }
    if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
      return "WebP";
    }
    if (startsWith(b, 4, 'f', 't', 'y', 'p')) {
      return "HEIC/AVIF";
    }
    if (startsWith(b, 0, 'B', 'M')) {
      return "BMP";
    }
    if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) {
      return "TIFF";
    }
    return null;
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
