package org.facesearch.cli;

import org.facesearch.indexer.GalleryIndex;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.ModelSource;
import picocli.CommandLine.Option;

/**
 * {@code --model}: a model bundle folder, {@code pixels-<size>-<rgb|grey>} or a pretrained model's
 * name.
 */
final class ModelOption {
  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Model bundle folder, pixels-<size>-<rgb|grey> for the raw-pixel baseline, or"
              + " dlib-resnet (dlib's pretrained ResNet on faces aligned with 68 landmarks;"
              + " -blazeface or -fixed for BlazeFace's four points or a fixed LFW crop, then"
              + " -flip/-noflip to choose flip averaging)"
              + " (default: the model the index was built with, else the shipped default model).")
  String model;

  LoadedModel load(GalleryIndex index) {
    return ModelSource.resolve(model, index);
  }
}
