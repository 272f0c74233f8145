package org.facesearch.cli;

import org.facesearch.indexer.GalleryIndex;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.ModelSource;
import picocli.CommandLine.Option;

/** {@code --model}: a model bundle folder or {@code pixels-<size>-<rgb|grey>}. */
final class ModelOption {
  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Model bundle folder, or pixels-<size>-<rgb|grey> for the raw-pixel baseline"
              + " (default: the model the index was built with, else the shipped default model).")
  String model;

  LoadedModel load(GalleryIndex index) {
    return ModelSource.resolve(model, index);
  }
}
