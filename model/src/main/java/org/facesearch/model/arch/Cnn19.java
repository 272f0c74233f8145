package org.facesearch.model.arch;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The Siamese seeds' convolutional net for 128x128 faces: four convolutions (5x5 64, 5x5 128, 3x3
 * 256, 3x3 512), each followed by ReLU then batch norm, the first three by a 2x2 max-pool; then
 * 512x16x16 = 131,072 values flattened into Linear 1024, ReLU, batch norm: a 1024-d feature.
 */
final class Cnn19 {
  static final int FEATURES = 1024;
  static final int INPUT_SIZE = 128;

  private Cnn19() {}

  static SequentialBlock backbone() {
    SequentialBlock net = new SequentialBlock();
    convolution(net, 64, 5, true);
    convolution(net, 128, 5, true);
    convolution(net, 256, 3, true);
    convolution(net, 512, 3, false);
    return net.add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(FEATURES).build())
        .add(Activation.reluBlock())
        .add(BatchNorm.builder().build());
  }

  private static void convolution(SequentialBlock net, int filters, int kernel, boolean pool) {
    int pad = kernel / 2;
    net.add(
            Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optPadding(new Shape(pad, pad))
                .build())
        .add(Activation.reluBlock())
        .add(BatchNorm.builder().build());
    if (pool) {
      net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
  }
}
