package org.facesearch.data.align;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A face warped onto a {@link FaceTemplate}.
 *
 * @param image the template-sized image
 * @param template what the face was aligned to
 * @param toTemplate maps the source photo's pixels to {@code image}'s
 */
public record AlignedFace(
    BufferedImage image, FaceTemplate template, SimilarityTransform toTemplate) {
  public AlignedFace {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(toTemplate, "toTemplate");
    if (image.getWidth() != template.width() || image.getHeight() != template.height()) {
      throw new IllegalArgumentException(
          "an image aligned to "
              + template.name()
              + " is "
              + template.width()
              + "x"
              + template.height()
              + ", got "
              + image.getWidth()
              + "x"
              + image.getHeight());
    }
  }
}
