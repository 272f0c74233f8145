package org.facesearch.model.arch;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * torchvision's ResNet-18 without its classifier: 7x7/2 stem, 3x3/2 max-pool, four stages of two
 * basic blocks (64, 128, 256, 512 channels; the first block of stages 2-4 strides by 2 and projects
 * its shortcut with a 1x1 convolution and batch norm), global average pool to 512. DJL's {@code
 * ResNetV1.builder()} builds a different stem for small inputs, hence this.
 */
final class ResNet18 {
  static final int FEATURES = 512;

  /** DJL's momentum keeps this share of the running statistics: torchvision's 0.1 update. */
  private static final float BATCH_NORM_MOMENTUM = 0.9f;

  private ResNet18() {}

  static SequentialBlock backbone() {
    SequentialBlock net =
        new SequentialBlock()
            .add(
                Conv2d.builder()
                    .setKernelShape(new Shape(7, 7))
                    .setFilters(64)
                    .optStride(new Shape(2, 2))
                    .optPadding(new Shape(3, 3))
                    .optBias(false)
                    .build())
            .add(BatchNorm.builder().optMomentum(BATCH_NORM_MOMENTUM).build())
            .add(Activation.reluBlock())
            .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    int[] widths = {64, 128, 256, 512};
    for (int stage = 0; stage < widths.length; stage++) {
      int stride = stage == 0 ? 1 : 2;
      net.add(
          ResNetV1.residualUnit(
              widths[stage], new Shape(stride, stride), stage == 0, false, BATCH_NORM_MOMENTUM));
      net.add(
          ResNetV1.residualUnit(widths[stage], new Shape(1, 1), true, false, BATCH_NORM_MOMENTUM));
    }
    return net.add(Pool.globalAvgPool2dBlock());
  }

  /** A weight this small no longer carries a signal: the dead weights are below 1e-37. */
  static final double DEAD = 1e-6;

  /** What {@link #reviveDeadBranches} found and re-initialised, in channels. */
  record Revival(int branches, int innerChannels, int outputChannels) {}

  /** A residual unit's main branch: conv, batch norm, ReLU, conv, batch norm. */
  private record Branch(Conv2d first, BatchNorm firstNorm, Conv2d second, BatchNorm secondNorm) {}

  /** The backbone's residual units' main branches, in order; each checked to be basic. */
  private static java.util.List<Branch> branches(Block backbone) {
    java.util.List<Branch> out = new java.util.ArrayList<>();
    for (Block unit : backbone.getChildren().values()) {
      if (!(unit instanceof ParallelBlock)) {
        continue;
      }
      Block main = unit.getChildren().get(0).getValue();
      var layers = main.getChildren().values();
      if (layers.size() != 5
          || !(layers.get(0) instanceof Conv2d first)
          || !(layers.get(1) instanceof BatchNorm firstNorm)
          || !(layers.get(3) instanceof Conv2d second)
          || !(layers.get(4) instanceof BatchNorm secondNorm)) {
        throw new IllegalStateException("not a basic residual unit: " + main);
      }
      out.add(new Branch(first, firstNorm, second, secondNorm));
    }
    return out;
  }

  /** Dead and all inner and output channels of the residual units' main branches. */
  static int[] countDeadChannels(Block backbone) {
    int dead = 0;
    int total = 0;
    for (Branch b : branches(backbone)) {
      for (Conv2d conv : new Conv2d[] {b.first(), b.second()}) {
        NDArray w = conv.getParameters().get("weight").getArray();
        int rows = (int) w.getShape().get(0);
        dead += count(deadRows(w.toFloatArray(), rows));
        total += rows;
      }
    }
    return new int[] {dead, total};
  }

  /**
   * Re-initialises the dead channels of each residual unit's main branch (conv-bn-relu-conv-bn):
   * those whose convolution filter has decayed to nothing. Such a channel cannot learn back: its
   * batch norm sees a constant, so no gradient reaches the filter. A dead inner channel gets a
   * He-normal filter, a fresh norm (scale 1, shift 0) and, where the second convolution reads it
   * into a live output, zero weights there; a dead output channel gets a He-normal filter and a
   * norm of scale 0 ("zero-gamma", as residual nets are often started) with its shift kept. Either
   * way the branch adds what it added before, so the network computes what it did, and training
   * grows the channels from there.
   *
   * @return what was re-initialised: branches with any dead channel, and the channels
   */
  static Revival reviveDeadBranches(Block backbone, NDManager manager) {
    int branches = 0;
    int inner = 0;
    int outputs = 0;
    for (Branch b : branches(backbone)) {
      Conv2d first = b.first();
      Conv2d second = b.second();
      BatchNorm firstNorm = b.firstNorm();
      BatchNorm secondNorm = b.secondNorm();
      NDArray w1 = first.getParameters().get("weight").getArray();
      NDArray w2 = second.getParameters().get("weight").getArray();
      float[] conv1 = w1.toFloatArray();
      float[] conv2 = w2.toFloatArray();
      int mid = (int) w1.getShape().get(0);
      int out = (int) w2.getShape().get(0);
      int kernel2 = conv2.length / (out * mid);
      boolean[] deadInner = deadRows(conv1, mid);
      boolean[] deadOutput = deadRows(conv2, out);
      int deadIn = count(deadInner);
      int deadOut = count(deadOutput);
      if (deadIn == 0 && deadOut == 0) {
        continue;
      }
      heNormalRows(conv1, mid, deadInner, manager);
      heNormalRows(conv2, out, deadOutput, manager);
      for (int o = 0; o < out; o++) {
        if (deadOutput[o]) {
          continue;
        }
        for (int i = 0; i < mid; i++) {
          if (deadInner[i]) {
            java.util.Arrays.fill(conv2, (o * mid + i) * kernel2, (o * mid + i + 1) * kernel2, 0f);
          }
        }
      }
      w1.set(conv1);
      w2.set(conv2);
      resetNorm(firstNorm, deadInner, 1f, true);
      resetNorm(secondNorm, deadOutput, 0f, false);
      branches++;
      inner += deadIn;
      outputs += deadOut;
    }
    return new Revival(branches, inner, outputs);
  }

  private static boolean[] deadRows(float[] weights, int rows) {
    int per = weights.length / rows;
    boolean[] dead = new boolean[rows];
    for (int r = 0; r < rows; r++) {
      dead[r] = true;
      for (int k = r * per; k < (r + 1) * per && dead[r]; k++) {
        dead[r] = Math.abs(weights[k]) < DEAD;
      }
    }
    return dead;
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean f : flags) {
      n += f ? 1 : 0;
    }
    return n;
  }

  /** He (Kaiming) normal for a ReLU network, std sqrt(2 / fan-in), on the chosen rows. */
  private static void heNormalRows(float[] weights, int rows, boolean[] chosen, NDManager manager) {
    int per = weights.length / rows;
    try (NDManager scratch = manager.newSubManager()) {
      float[] fresh =
          scratch
              .randomNormal(
                  0f, (float) Math.sqrt(2.0 / per), new Shape(weights.length), DataType.FLOAT32)
              .toFloatArray();
      for (int r = 0; r < rows; r++) {
        if (chosen[r]) {
          System.arraycopy(fresh, r * per, weights, r * per, per);
        }
      }
    }
  }

  /** The chosen channels: scale {@code gamma}, running mean 0, variance 1, shift 0 or kept. */
  private static void resetNorm(BatchNorm norm, boolean[] chosen, float gamma, boolean zeroShift) {
    var p = norm.getParameters();
    set(p.get("gamma").getArray(), chosen, gamma);
    set(p.get("runningMean").getArray(), chosen, 0f);
    set(p.get("runningVar").getArray(), chosen, 1f);
    if (zeroShift) {
      set(p.get("beta").getArray(), chosen, 0f);
    }
  }

  private static void set(NDArray array, boolean[] chosen, float value) {
    float[] values = array.toFloatArray();
    for (int c = 0; c < chosen.length; c++) {
      if (chosen[c]) {
        values[c] = value;
      }
    }
    array.set(values);
  }
}
