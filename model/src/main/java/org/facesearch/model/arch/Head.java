package org.facesearch.model.arch;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What sits on top of the backbone during training. */
public enum Head {
  /** Features are used as they are (contrastive loss). */
  NONE(0, 0),
  /** TriNet: Linear 64, ReLU, Linear 64, L2-normalise: a 64-d embedding. */
  TRINET(64, 64),
  /** SimCLR projection: Linear 512, ReLU, Linear 128, L2-normalise. */
  SIMCLR(512, 128),
  /**
   * A face embedding for the classification and distillation objectives: Linear 512, ReLU, Linear
   * 128, L2-normalise. 128-d because that is the reference (dlib) model's size, so a distilled
   * student's vectors live in its teacher's space.
   */
  EMBEDDING(512, 128),
  /** Pair classifier: both features concatenated, Linear 1: a same-person logit. */
  PAIR(0, 1);

  private final int hidden;
  private final int outputDim;

  Head(int hidden, int outputDim) {
    this.hidden = hidden;
    this.outputDim = outputDim;
  }

  /** True for the heads that map one image's features to a normalised embedding. */
  public boolean isProjection() {
    return hidden > 0;
  }

  /** Length of a projection's output; 1 (the logit) for {@link #PAIR}, 0 for {@link #NONE}. */
  public int outputDim() {
    return outputDim;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Head fromId(String id) {
    for (Head h : values()) {
      if (h.id().equals(id)) {
        return h;
      }
    }
    throw new IllegalArgumentException(
        "unknown head '"
            + id
            + "'; known: "
            + Arrays.stream(values()).map(Head::id).collect(Collectors.joining(", ")));
  }

  /** The block for a projection head, or for the pair classifier's single linear layer. */
  Block newBlock() {
    return switch (this) {
      case TRINET, SIMCLR, EMBEDDING ->
          new SequentialBlock()
              .add(Linear.builder().setUnits(hidden).build())
              .add(Activation.reluBlock())
              .add(Linear.builder().setUnits(outputDim).build())
              .add(L2Norm.block());
      case PAIR -> Linear.builder().setUnits(1).build();
      case NONE -> throw new IllegalStateException("head 'none' has no block");
    };
  }
}
