package org.facesearch.searcher.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.facesearch.data.FaceImage;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;

/**
 * Where evaluation gets its face crops. Today it decodes each LFW file and applies the
 * preprocessing; this is the one class to switch to the data module's {@code CropCache} (and its
 * {@code ImageDecoder}) once they are on main, so repeated evaluations stop re-decoding JPEGs.
 */
public final class CropSource {
  private final Preprocessing preprocessing;

  public CropSource(Preprocessing preprocessing) {
    this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
  }

  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /**
   * The crops of {@code images}, in order, decoded in parallel.
   *
   * @throws UncheckedIOException naming a file that cannot be read or is not an image
   */
  public List<FaceCrop> crops(List<FaceImage> images) {
    return images.parallelStream().map(this::crop).toList();
  }

  private FaceCrop crop(FaceImage image) {
    try {
      BufferedImage decoded = ImageIO.read(image.path().toFile());
      if (decoded == null) {
        throw new IOException("not a JPEG or PNG image");
      }
      return preprocessing.apply(decoded);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read LFW image " + image.path() + ": " + e.getMessage(), e);
    }
  }
}
