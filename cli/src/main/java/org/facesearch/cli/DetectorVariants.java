package org.facesearch.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.detect.BlazeFaceDetector;
import org.facesearch.data.detect.BlazeFaceModel;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.detect.DetectorOptions;
import org.facesearch.data.detect.FaceDetector;

/**
 * The detectors the benchmarks compare, by name: the two {@link DetectorKind}s as users get them,
 * and BlazeFace under its other {@link BlazeFaceDetector.Scales} policies and without its
 * full-range pass ({@code blaze-short}, the cascade before it), the baselines its default is
 * measured against.
 */
final class DetectorVariants {
  private DetectorVariants() {}

  private static final Map<String, BlazeFaceDetector.Scales> BLAZE = new LinkedHashMap<>();

  static {
    BLAZE.put("blaze-1x", BlazeFaceDetector.Scales.WHOLE_PHOTO);
    BLAZE.put("blaze-short", BlazeFaceDetector.Scales.TILES);
    BLAZE.put("blaze-all", BlazeFaceDetector.Scales.ALL_TILES);
  }

  /** Every name, in the order the benchmarks print them by default. */
  static List<String> names() {
    return List.of("haar", "blaze-1x", "blaze-short", "blazeface", "blaze-all");
  }

  /**
   * Checks names before any work starts.
   *
   * @throws IllegalArgumentException naming the flag and the known names
   */
  static void check(String flag, List<String> names) {
    for (String name : names) {
      if (!names().contains(name)) {
        throw new IllegalArgumentException(
            flag + ": unknown detector '" + name + "'; use " + String.join(", ", names()));
      }
    }
  }

  /**
   * What the detection benchmark asks {@code name} for: the largest face only for the cascades
   * ({@code blazeface}, {@code blaze-short}), as a search asks the default detector (so the cascade
   * stops at the first sure face), every face for the others, so that whether the true face is
   * among them is measured too.
   */
  static DetectorOptions.Selection benchSelection(String name) {
    return name.equals("blazeface") || name.equals("blaze-short")
        ? DetectorOptions.Selection.LARGEST
        : DetectorOptions.Selection.ALL;
  }

  /** Opens the detector {@code name} with the options a {@code FaceReader} uses. */
  static FaceDetector open(String name, AssetStore assets) {
    BlazeFaceDetector.Scales scales = BLAZE.get(name);
    if (scales == null) {
      return DetectorKind.parse(name).open(assets);
    }
    return new BlazeFaceDetector(
        BlazeFaceModel.SHORT_RANGE.locate(assets),
        BlazeFaceModel.SHORT_RANGE,
        DetectorKind.BLAZEFACE.readerOptions(),
        scales);
  }
}
