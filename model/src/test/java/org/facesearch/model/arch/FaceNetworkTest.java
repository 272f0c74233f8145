package org.facesearch.model.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Optional;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaceNetworkTest {
  private static TorchRuntime runtime;

  @BeforeAll
  static void startEngine() {
    runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
  }

  @Test
  void resnet18BackboneHasTorchvisionParameterCountAndShapes() {
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork net = new FaceNetwork(Architecture.RESNET18, Head.NONE);
      net.initialize(manager, 3);
      // torchvision.models.resnet18() has 11,689,512 parameters; its fc layer 512*1000+1000.
      assertEquals(11_689_512L - (512L * 1000 + 1000), net.trainableParameterCount());
      NDArray images = manager.randomUniform(0f, 1f, new Shape(2, 3, 64, 64));
      NDArray features = net.features(new ParameterStore(manager, false), images, false);
      assertEquals(new Shape(2, 512), features.getShape());
    }
  }

  @Test
  void theResnet18At96PixelsHasThe64PixelNetworksParametersAndTakes96PixelFaces() {
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork small = new FaceNetwork(Architecture.RESNET18, Head.TRINET);
      small.initialize(manager, 3);
      FaceNetwork large = new FaceNetwork(Architecture.RESNET18_96, Head.TRINET);
      large.initialize(manager, 3);
      var a = small.getParameters();
      var b = large.getParameters();
      assertEquals(a.keys(), b.keys());
      for (String name : a.keys()) {
        assertEquals(a.get(name).getArray().getShape(), b.get(name).getArray().getShape(), name);
      }
      NDArray images = manager.randomUniform(0f, 1f, new Shape(2, 3, 96, 96));
      NDArray features = large.features(new ParameterStore(manager, false), images, false);
      assertEquals(new Shape(2, 512), features.getShape());
      assertEquals(96, Architecture.RESNET18_96.inputSize());
      assertEquals(Architecture.RESNET18_96, Architecture.fromId("resnet18-96"));
      assertEquals(Architecture.RESNET18, Architecture.RESNET18_96.weightsLayout());
      assertEquals(Architecture.CNN19, Architecture.CNN19.weightsLayout());
    }
  }

  @Test
  void trinetHeadGivesUnitLength64dEmbeddings() {
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork net = new FaceNetwork(Architecture.RESNET18, Head.TRINET);
      net.initialize(manager, 3);
      // Head: 512*64+64 then 64*64+64 on top of the backbone.
      assertEquals(11_176_512L + 512 * 64 + 64 + 64 * 64 + 64, net.trainableParameterCount());
      ParameterStore store = new ParameterStore(manager, false);
      NDArray images = manager.randomUniform(0f, 1f, new Shape(3, 3, 64, 64));
      var out = net.forward(store, new NDList(images), false);
      assertEquals(new Shape(3, 512), out.get(0).getShape());
      assertEquals(new Shape(3, 64), out.get(1).getShape());
      float[] norms = out.get(1).norm(new int[] {1}).toFloatArray();
      assertArrayEquals(new float[] {1f, 1f, 1f}, norms, 1e-5f);
    }
  }

  @Test
  void simclrHeadProjectsTo128() {
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork net = new FaceNetwork(Architecture.RESNET18, Head.SIMCLR);
      net.initialize(manager, 3);
      assertEquals(11_176_512L + 512 * 512 + 512 + 512 * 128 + 128, net.trainableParameterCount());
      ParameterStore store = new ParameterStore(manager, false);
      NDArray features = manager.randomNormal(new Shape(4, 512));
      NDArray projected = net.project(store, features, false);
      assertEquals(new Shape(4, 128), projected.getShape());
    }
  }

  @Test
  void cnn19HasTheSeedsLayersAndPairHead() {
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork net = new FaceNetwork(Architecture.CNN19, Head.PAIR);
      net.initialize(manager, 3);
      long convs =
          (3L * 64 * 25 + 64)
              + (64L * 128 * 25 + 128)
              + (128L * 256 * 9 + 256)
              + (256L * 512 * 9 + 512);
      long convBatchNorms = 2L * (64 + 128 + 256 + 512);
      long dense = 512L * 16 * 16 * 1024 + 1024;
      long denseBatchNorm = 2L * 1024;
      long pair = 2048 + 1;
      assertEquals(
          convs + convBatchNorms + dense + denseBatchNorm + pair, net.trainableParameterCount());
      ParameterStore store = new ParameterStore(manager, false);
      NDArray images = manager.randomUniform(0f, 1f, new Shape(2, 3, 128, 128));
      NDArray features = net.features(store, images, false);
      assertEquals(new Shape(2, 1024), features.getShape());
      NDArray logits = net.pairLogits(store, features, features.flip(0), false);
      assertEquals(new Shape(2), logits.getShape());
    }
  }

  @Test
  void wrongInputSizeIsRejectedWithTheExpectedShape() {
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork net = new FaceNetwork(Architecture.CNN19, Head.NONE);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64)));
      assertEquals("cnn19 takes (N, C, 128, 128) images, not (1, 3, 64, 64)", e.getMessage());
    }
  }
}
