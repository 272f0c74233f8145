package org.facesearch.trainer.testing;

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

/** Real LFW faces (pairsDevTest people, never trained on) prepared for a model. */
public final class Crops {
  private static final List<String> FILES =
      List.of(
          "Abdullah_Gul/Abdullah_Gul_0013.jpg",
          "Abdullah_Gul/Abdullah_Gul_0014.jpg",
          "Adrien_Brody/Adrien_Brody_0002.jpg",
          "Adrien_Brody/Adrien_Brody_0003.jpg");

  private Crops() {}

  public static List<FaceCrop> load(Preprocessing preprocessing, int count) {
    Path images = LfwTestData.root().resolve("images");
    List<FaceCrop> crops = new ArrayList<>();
    for (String file : FILES.subList(0, count)) {
      try {
        BufferedImage image = ImageIO.read(images.resolve(file).toFile());
        crops.add(preprocessing.apply(image));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return crops;
  }
}
