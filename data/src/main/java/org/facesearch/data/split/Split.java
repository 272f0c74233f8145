package org.facesearch.data.split;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.facesearch.data.FaceImage;

/** Training and test photos, each list in dataset order (identity, then number). */
public record Split(List<FaceImage> train, List<FaceImage> test) {
  public Split {
    train = List.copyOf(train);
    test = List.copyOf(test);
  }

  public Set<String> trainIdentities() {
    return identities(train);
  }

  public Set<String> testIdentities() {
    return identities(test);
  }

  private static Set<String> identities(List<FaceImage> images) {
    TreeSet<String> names = new TreeSet<>();
    images.forEach(image -> names.add(image.identity()));
    return names;
  }
}
