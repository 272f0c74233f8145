package org.facesearch.model.arch;

import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A backbone: image in, feature vector out. Each is built for one square input size. */
public enum Architecture {
  /** ResNet-18 on 64x64 crops: 512-d features. */
  RESNET18(64, ResNet18.FEATURES),
  /** The 19-layer CNN on 128x128 crops: 1024-d features. */
  CNN19(Cnn19.INPUT_SIZE, Cnn19.FEATURES);

  private final int inputSize;
  private final int featureDim;

  Architecture(int inputSize, int featureDim) {
    this.inputSize = inputSize;
    this.featureDim = featureDim;
  }

  /** The side of the square crops it takes. */
  public int inputSize() {
    return inputSize;
  }

  /** The length of its feature vector. */
  public int featureDim() {
    return featureDim;
  }

  /** The name model bundles and command lines use: {@code resnet18}, {@code cnn19}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The architecture with this {@link #id()}; an exception listing the known ones otherwise. */
  public static Architecture fromId(String id) {
    for (Architecture a : values()) {
      if (a.id().equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown architecture '"
            + id
            + "'; known: "
            + Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", ")));
  }

  Block newBackbone() {
    return switch (this) {
      case RESNET18 -> ResNet18.backbone();
      case CNN19 -> Cnn19.backbone();
    };
  }
}
