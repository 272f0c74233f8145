package org.facesearch.model.reference;

/**
 * How a reference model's 150x150 input is cut from a face in LFW's framing: which alignment its
 * name asks for ({@code dlib-resnet-fixed}, {@code dlib-resnet-blazeface}, {@code
 * dlib-resnet-landmarks68}; plain {@code dlib-resnet} takes the model's default, the 68-point
 * alignment, the best measured).*
 */
public enum ChipAlignment {
  /** A fixed square of LFW's frame ({@link ReferenceModel#LFW_CHIP}), no detection. */
  FIXED("fixed"),
  /** BlazeFace's eyes, nose tip and mouth onto dlib's mean face (four-point similarity). */
  BLAZEFACE("blazeface"),
  /**
   * dlib's own method: 68 landmarks (face-api.js's landmark network on BlazeFace's box), the 33
   * inner ones fitted onto dlib's mean face shape, 150 pixels, padding 0.25.
   */
  LANDMARKS_68("landmarks68");

  private final String suffix;

  ChipAlignment(String suffix) {
    this.suffix = suffix;
  }

  /** The name suffix that picks it, e.g. {@code landmarks68} in {@code dlib-resnet-landmarks68}. */
  public String suffix() {
    return suffix;
  }
}
