package org.facesearch.data.image;

/**
 * The facts about a JPEG the decoder needs before choosing how to read it, taken from its marker
 * segments: the frame's component count (4 = CMYK or YCCK), the Adobe APP14 colour transform (0 =
 * CMYK, 1 = YCbCr, 2 = YCCK; null without the marker), whether it embeds an ICC colour profile, and
 * where the first scan starts (-1 if none was found). Read by hand because ImageIO's metadata
 * parser rejects valid files whose EXIF segment precedes the JFIF one.
 */
record JpegHeader(int components, Integer adobeTransform, boolean iccProfile, int scanStart) {

  /** Walks the segments from SOI up to the first scan; unknown layouts yield 0 components. */
  static JpegHeader scan(byte[] jpeg) {
    int components = 0;
    Integer adobeTransform = null;
    boolean iccProfile = false;
    int scanStart = -1;
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
        // Start of scan or end of image: the header is over.
        scanStart = marker == 0xDA ? p : -1;
        break;
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
      if (marker == 0xE2 && startsWith(jpeg, p + 4, "ICC_PROFILE")) {
        iccProfile = true;
      }
      p += 2 + length;
    }
    return new JpegHeader(components, adobeTransform, iccProfile, scanStart);
  }

  /**
   * Whether an end-of-image marker follows the first scan. A file cut short anywhere after its
   * header has none there (inside entropy-coded data a 0xFF byte is always followed by 0x00 or a
   * restart marker, and an EXIF thumbnail's end marker lies before the scan), so this is what tells
   * a truncated file from a whole one; bytes after the marker are allowed, as decoders ignore them.
   */
  boolean endsAfterScan(byte[] jpeg) {
    if (scanStart < 0) {
      return false;
    }
    for (int p = jpeg.length - 2; p > scanStart; p--) {
      if ((jpeg[p] & 0xFF) == 0xFF && (jpeg[p + 1] & 0xFF) == 0xD9) {
        return true;
      }
    }
    return false;
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

  private static boolean startsWith(byte[] jpeg, int offset, String ascii) {
    if (offset + ascii.length() > jpeg.length) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (jpeg[offset + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAdobe(byte[] jpeg, int offset) {
    return jpeg[offset] == 'A'
        && jpeg[offset + 1] == 'd'
        && jpeg[offset + 2] == 'o'
        && jpeg[offset + 3] == 'b'
        && jpeg[offset + 4] == 'e';
  }
}
