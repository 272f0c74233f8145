package org.facesearch.data.image;

/**
 * A rectangle in LFW's 250x250 frame (rows and columns, end exclusive). Images of another size are
 * cropped at the same relative position, so a detected face framed like LFW crops alike.
 */
public record CropBox(int top, int left, int bottom, int right) {
  /** LFW's frame size: every box is relative to it. */
  public static final int FRAME = 250;

  /** The seeds' crop: rows and columns 48..202, 154x154 around the face. */
  public static final CropBox SEED = new CropBox(48, 48, 202, 202);

  /** The whole frame, uncropped. */
  public static final CropBox FULL = new CropBox(0, 0, FRAME, FRAME);

  public CropBox {
    if (top < 0 || left < 0 || bottom > FRAME || right > FRAME || top >= bottom || left >= right) {
      throw new IllegalArgumentException(
          "crop box must lie inside the 250x250 frame with top<bottom and left<right: " + this);
    }
  }

  public int height() {
    return bottom - top;
  }

  public int width() {
    return right - left;
  }

  /** Parses {@code top,left,bottom,right}, e.g. {@code 48,48,202,202}. */
  public static CropBox parse(String text) {
    String[] parts = text.split(",");
    if (parts.length != 4) {
      throw new IllegalArgumentException("a crop box is top,left,bottom,right; got '" + text + "'");
    }
    try {
      return new CropBox(
          Integer.parseInt(parts[0].trim()),
          Integer.parseInt(parts[1].trim()),
          Integer.parseInt(parts[2].trim()),
          Integer.parseInt(parts[3].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a crop box is four integers; got '" + text + "'", e);
    }
  }

  @Override
  public String toString() {
    return top + "," + left + "," + bottom + "," + right;
  }
}
