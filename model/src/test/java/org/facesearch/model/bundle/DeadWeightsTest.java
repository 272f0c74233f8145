package org.facesearch.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.arch.Head;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 20-view student's dead weights (the default until 2 December; training with Adam's L2 decay
 * left 84% of them below fp32's smallest normal number, and its last three units' main branches
 * wholly so), on real LFW photos: loading flushes them to zero, and revival re-initialises the dead
 * channels; either way the network's outputs stay what they were, and revived channels get a
 * gradient again.
 */
class DeadWeightsTest {
  private static final Path DEFAULT = Path.of("../models/student-96-20views");
  private static final String UNIT_10 = "01backbone_10ParallelBlock_01SequentialBlock_";

  private static TorchRuntime runtime;
  private static ModelBundle bundle;
  private static List<FaceCrop> faces;

  @BeforeAll
  static void start() throws IOException {
    runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    bundle = ModelBundle.open(DEFAULT);
    faces = new ArrayList<>();
    try (Stream<Path> folders = Files.list(LfwTestData.root().resolve("images"))) {
      for (Path person :
          folders
              .filter(p -> p.getFileName().toString().startsWith("C"))
              .sorted()
              .limit(8)
              .toList()) {
        try (Stream<Path> photos = Files.list(person)) {
          Path photo = photos.sorted().findFirst().orElseThrow();
          faces.add(
              bundle.metadata().spec().input().preprocessing().apply(ImageIO.read(photo.toFile())));
        }
      }
    }
  }

  private static float[] features(FaceNetwork network, NDManager manager) {
    NDArray images = bundle.metadata().spec().input().tensor(manager, faces);
    return network.features(new ParameterStore(manager, false), images, false).toFloatArray();
  }

  private static Parameter parameter(FaceNetwork network, String name) {
    return network.getParameters().get(name);
  }

  /** The gradient of a loss on the features, in training mode, with respect to {@code name}. */
  private static float[] gradient(FaceNetwork network, NDManager manager, String name) {
    NDArray weight = parameter(network, name).getArray();
    weight.setRequiresGradient(true);
    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
      NDArray images = bundle.metadata().spec().input().tensor(manager, faces);
      NDArray features = network.features(new ParameterStore(manager, false), images, true);
      collector.backward(features.square().sum());
    }
    return weight.getGradient().toFloatArray();
  }

  private static double maxAbs(float[] values) {
    double max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  @Test
  void theShippedStudentsThreeDeadBranchesAreRevivedWithoutChangingItsOutputs() {
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork network = bundle.loadNetwork(manager);
      assertTrue(
          maxAbs(parameter(network, UNIT_10 + "01Conv2d_weight").getArray().toFloatArray()) < 1e-30,
          "the shipped weights are no longer dead: this test's premise is gone");
      float[] before = features(network, manager);

      String revived = network.reviveDeadChannels(manager).orElseThrow();
      System.out.println("default model: " + revived);

      assertArrayEquals(before, features(network, manager), 1e-5f);
      float[] conv = parameter(network, UNIT_10 + "01Conv2d_weight").getArray().toFloatArray();
      // He-normal for 256 x 3 x 3 inputs: std sqrt(2 / 2304) = 0.0295.
      double sumSquares = 0;
      for (float v : conv) {
        sumSquares += v * v;
      }
      assertEquals(0.0295, Math.sqrt(sumSquares / conv.length), 0.001);
      assertArrayEquals(
          new float[256],
          parameter(network, UNIT_10 + "05BatchNorm_gamma").getArray().toFloatArray());
      // Nothing is dead any more.
      assertEquals(Optional.empty(), network.reviveDeadChannels(manager));
    }
  }

  @Test
  void aDeadBranchHasNoGradientAndARevivedOneHasOne() {
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork dead = bundle.loadNetwork(manager);
      assertEquals(0.0, maxAbs(gradient(dead, manager, UNIT_10 + "04Conv2d_weight")), 1e-30);

      FaceNetwork revived = bundle.loadNetwork(manager);
      revived.reviveDeadChannels(manager);
      // Zero-gamma: the second norm's scale learns first, then the convolutions through it.
      assertTrue(maxAbs(gradient(revived, manager, UNIT_10 + "05BatchNorm_gamma")) > 1e-3);
    }
  }

  @Test
  void aFreshlyInitialisedNetworkHasNothingToRevive() {
    try (NDManager manager = runtime.newManager()) {
      FaceNetwork fresh = new FaceNetwork(Architecture.RESNET18_96, Head.TRINET);
      fresh.initialize(manager, 3);
      assertEquals(Optional.empty(), fresh.reviveDeadChannels(manager));
    }
  }

  @Test
  void theShippedWeightsSubnormalValuesAreZeroOnceLoadedAndTheOutputsStayTheSame()
      throws Exception {
    try (NDManager manager = runtime.newManager()) {
      // The file as DJL reads it, without the bundle's loading.
      FaceNetwork raw = bundle.metadata().spec().newNetwork();
      raw.initialize(manager, 3);
      try (var in =
          new java.io.DataInputStream(
              new java.io.BufferedInputStream(
                  Files.newInputStream(DEFAULT.resolve(ModelBundle.WEIGHTS_FILE))))) {
        raw.loadParameters(manager, in);
      }
      float[] rawFeatures = features(raw, manager);
      FaceNetwork loaded = bundle.loadNetwork(manager);

      assertTrue(raw.flushSubnormalWeights() > 9_000_000);
      assertEquals(0, loaded.flushSubnormalWeights());
      assertArrayEquals(rawFeatures, features(loaded, manager), 1e-6f);
    }
  }
}
