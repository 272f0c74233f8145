package org.facesearch.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.IndexRoot;
import org.facesearch.model.PixelEmbedder;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.DeviceChoice;

/**
 * Where every command gets its model: {@code --model} if given, else the model the serving index
 * was built with (recorded in its {@code build.json}). A model is a bundle folder written by
 * training, or {@code pixels-<size>-<rgb|grey>}, the raw-pixel baseline, which needs no training.
 */
final class ModelResolver {
  /**
   * The key of the calibrated verification threshold (a cosine similarity) in model.json's metrics.
   */
  static final String THRESHOLD_METRIC = "threshold";

  private static final Pattern PIXELS = Pattern.compile("pixels-(\\d{1,4})-(rgb|grey)");

  private ModelResolver() {}

  /**
   * The model named by {@code model}, else the one {@code index}'s serving build was made with.
   *
   * @throws IllegalArgumentException when neither names a model
   * @throws org.facesearch.model.bundle.InvalidModelBundleException for a damaged bundle
   */
  static LoadedModel resolve(String model, IndexRoot index) {
    if (model != null) {
      return load(model);
    }
    Optional<Build> current = index.current();
    if (current.isEmpty()) {
      throw new IllegalArgumentException(
          "no model given and no index at "
              + index.dir()
              + " to take it from: pass --model DIR (a model"
              + " bundle folder) or --model pixels-32-grey (the raw-pixel baseline)");
    }
    return load(current.get().manifest().modelSource());
  }

  private static LoadedModel load(String model) {
    Matcher pixels = PIXELS.matcher(model);
    if (pixels.matches()) {
      ColorMode color = ColorMode.valueOf(pixels.group(2).toUpperCase(Locale.ROOT));
      Preprocessing preprocessing =
          new Preprocessing(CropBox.SEED, color, Integer.parseInt(pixels.group(1)));
      return new LoadedModel(new PixelEmbedder(preprocessing), model, OptionalDouble.empty());
    }
    ModelBundle bundle = ModelBundle.open(Path.of(model));
    Double threshold = bundle.metadata().training().metrics().get(THRESHOLD_METRIC);
    return new LoadedModel(
        bundle.embedder(DeviceChoice.AUTO),
        bundle.directory().toString(),
        threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold));
  }
}
