package org.facesearch.model.arch;

import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A backbone: image in, feature vector out. Each is built for one square input size. */
public enum Architecture {
  /** ResNet-18 on 64x64 crops: 512-d features. */
  RESNET18("resnet18", 64, ResNet18.FEATURES),
  /**
   * The same ResNet-18 on 96x96 crops: 2.25x the compute for a face half as wide again, which is
   * what tells look-alikes apart. Its weights are {@link #RESNET18}'s (global pooling makes them
   * independent of the input size), so a 64x64 model can be continued at 96x96.
   */
  RESNET18_96("resnet18-96", 96, ResNet18.FEATURES),
  /** The 19-layer CNN on 128x128 crops: 1024-d features. */
  CNN19("cnn19", Cnn19.INPUT_SIZE, Cnn19.FEATURES);

  private final String id;
  private final int inputSize;
  private final int featureDim;

  Architecture(String id, int inputSize, int featureDim) {
    this.id = id;
    this.inputSize = inputSize;
    this.featureDim = featureDim;
  }

  /**
   * The architecture whose parameters have this one's names and shapes: {@link #RESNET18} for
   * either ResNet-18, itself otherwise. Objectives that need a ResNet-18 ask this.
   */
  public Architecture weightsLayout() {
    return this == RESNET18_96 ? RESNET18 : this;
  }

  /** The side of the square crops it takes. */
  public int inputSize() {
    return inputSize;
  }

  /** The length of its feature vector. */
  public int featureDim() {
    return featureDim;
  }

  /**
   * The name model bundles and command lines use: {@code resnet18}, {@code resnet18-96}, {@code
   * cnn19}.
   */
  public String id() {
    return id;
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
      case RESNET18, RESNET18_96 -> ResNet18.backbone();
      case CNN19 -> Cnn19.backbone();
    };
  }
}
