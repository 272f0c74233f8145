package org.facesearch.cli;

import org.facesearch.indexer.IndexRoot;
import picocli.CommandLine.Option;

/** {@code --model}: a model bundle folder or {@code pixels-<size>-<rgb|grey>}. */
final class ModelOption {
  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Model bundle folder, or pixels-<size>-<rgb|grey> for the raw-pixel baseline"
              + " (default: the model the index was built with).")
  String model;

  LoadedModel load(IndexRoot index) {
    return ModelResolver.resolve(model, index);
  }
}
