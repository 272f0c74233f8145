package org.facesearch.model.arch;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
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
}
