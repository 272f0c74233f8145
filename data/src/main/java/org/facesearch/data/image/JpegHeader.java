package org.facesearch.data.image;

/**
 * The two facts about a JPEG the decoder needs before choosing how to read it, taken from its
 * marker segments: the frame's component count (4 = CMYK or YCCK) and the Adobe APP14 colour
 * transform (0 = CMYK, 1 = YCbCr, 2 = YCCK; null without the marker). Read by hand because
 * ImageIO's metadata parser rejects valid files whose EXIF segment precedes the JFIF one.
 */
record JpegHeader(int components, Integer adobeTransform) {

  /** Walks the segments from SOI up to the first scan; unknown layouts yield 0 components. */
  static JpegHeader scan(byte[] jpeg) {
    int components = 0;
    Integer adobeTransform = null;
    int p = 2; // after SOI
    while (p + 3 < jpeg.length) {
      if ((jpeg[p] & 0xFF) != 0xFF) {
        break;
      }
      int marker = jpeg[p + 1] & 0xFF;
      if (marker == 0xFF) {
        p++; // fill byte
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        break; // start of scan or end of image: the header is over
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        p += 2; // markers without a length
        continue;
      }
      int length = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
      boolean startOfFrame =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (startOfFrame && p + 9 < jpeg.length) {
        components = jpeg[p + 9] & 0xFF;
      }
      if (marker == 0xEE && length >= 12 && p + 15 < jpeg.length && isAdobe(jpeg, p + 4)) {
        adobeTransform = jpeg[p + 15] & 0xFF;
      }
      p += 2 + length;
    }
    return new JpegHeader(components, adobeTransform);
  }

  boolean isFourChannel() {
    return components == 4;
  }

  /** YCCK is only ever signalled by the Adobe marker. */
  boolean isYcck() {
    return adobeTransform != null && adobeTransform == 2;
  }

  /** Adobe's CMYK files store each ink inverted (255 - ink). */
  boolean isAdobe() {
    return adobeTransform != null;
  }

  private static boolean isAdobe(byte[] jpeg, int offset) {
    return jpeg[offset] == 'A'
        && jpeg[offset + 1] == 'd'
        && jpeg[offset + 2] == 'o'
        && jpeg[offset + 3] == 'b'
        && jpeg[offset + 4] == 'e';
  }
}
