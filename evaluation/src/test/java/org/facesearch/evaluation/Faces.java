package org.facesearch.evaluation;

import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.FaceImage;

/** Hand-made embedded faces for tests: vectors chosen by the test, photos named but never read. */
final class Faces {
  private Faces() {}

  static FaceImage photo(String identity, int number) {
    return new FaceImage(
        identity,
        number,
        Path.of(identity, identity + "_" + String.format("%04d", number) + ".jpg"));
  }

  /** Unit-length copies of {@code vectors}, photo i of {@code identities[i]} numbered in order. */
  static EmbeddedFaces of(List<String> identities, float[][] vectors) {
    java.util.Map<String, Integer> next = new java.util.HashMap<>();
    List<FaceImage> photos =
        identities.stream().map(id -> photo(id, next.merge(id, 1, Integer::sum))).toList();
    float[][] unit = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      double norm = 0;
      for (float v : vectors[i]) {
        norm += v * v;
      }
      unit[i] = new float[vectors[i].length];
      for (int j = 0; j < unit[i].length; j++) {
        unit[i][j] = (float) (vectors[i][j] / Math.sqrt(norm));
      }
    }
    return new EmbeddedFaces(photos, unit);
  }
}
