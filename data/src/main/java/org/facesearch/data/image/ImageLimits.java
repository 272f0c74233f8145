package org.facesearch.data.image;

/**
 * The largest input {@link ImageDecoder} accepts. Checked against the file size and the header's
 * dimensions before any pixel is decoded, so a hostile upload cannot make the server allocate
 * gigabytes.
 */
public record ImageLimits(long maxBytes, int maxWidth, int maxHeight, long maxPixels) {
  /** 10 MB, 8,192 pixels a side, 40 megapixels: any phone photo, nothing absurd. */
  public static final ImageLimits DEFAULT =
      new ImageLimits(10L * 1024 * 1024, 8_192, 8_192, 40_000_000L);

  public ImageLimits {
    if (maxBytes < 1 || maxWidth < 1 || maxHeight < 1 || maxPixels < 1) {
      throw new IllegalArgumentException(
          "image limits must be positive: "
              + maxBytes
              + " bytes, "
              + maxWidth
              + "x"
              + maxHeight
              + ", "
              + maxPixels
              + " pixels");
    }
  }
}
