package org.facesearch.cli;

import org.facesearch.data.Workspace;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.image.ImageLimits;
import picocli.CommandLine.Option;

/** {@code --detector}: which face detector reads the photos. */
final class DetectorOption {
  @Option(
      names = "--detector",
      paramLabel = "NAME",
      converter = KindConverter.class,
      description =
          "Face detector: blazeface (default; finds small and tilted faces, aligns by the eyes,"
              + " nose and mouth; its model is fetched on first use) or haar (OpenCV's cascade).")
  DetectorKind detector = DetectorKind.DEFAULT;

  /** A reader with the chosen detector, its model files in the workspace's asset store. */
  FaceReader reader(ImageLimits limits) {
    return FaceReader.open(
        detector, AssetStore.in(Workspace.fromEnvironment(System.getenv())), limits);
  }

  FaceReader reader() {
    return reader(ImageLimits.DEFAULT);
  }

  static final class KindConverter implements picocli.CommandLine.ITypeConverter<DetectorKind> {
    @Override
    public DetectorKind convert(String value) {
      try {
        return DetectorKind.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
