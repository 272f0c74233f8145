package org.facesearch.model.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.testing.LfwTestData;

/** Real LFW faces prepared for a model, for tests. */
public final class LfwCrops {
  /** Two photos each of two people, then a third person. */
  public static final List<String> FILES =
      List.of(
          "George_W_Bush/George_W_Bush_0001.jpg",
          "George_W_Bush/George_W_Bush_0002.jpg",
          "Colin_Powell/Colin_Powell_0001.jpg",
          "Colin_Powell/Colin_Powell_0002.jpg",
          "Aaron_Eckhart/Aaron_Eckhart_0001.jpg");

  private LfwCrops() {}

  public static List<FaceCrop> load(Preprocessing preprocessing, List<String> files) {
    Path images = LfwTestData.root().resolve("images");
    List<FaceCrop> crops = new ArrayList<>();
    for (String file : files) {
      try {
        BufferedImage image = ImageIO.read(images.resolve(file).toFile());
        if (image == null) {
          throw new IOException("not an image: " + file);
        }
        crops.add(preprocessing.apply(image));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return crops;
  }

  public static List<FaceCrop> load(Preprocessing preprocessing) {
    return load(preprocessing, FILES);
  }
}
