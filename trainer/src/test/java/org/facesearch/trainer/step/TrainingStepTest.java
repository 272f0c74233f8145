package org.facesearch.trainer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.optimizer.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.facesearch.model.arch.L2Norm;
import org.facesearch.trainer.loss.TripletLoss;
import org.facesearch.trainer.testing.CpuManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrainingStepTest {
  private static final long LEAK_ALLOWANCE = 64L * 1024 * 1024;

  @RegisterExtension final CpuManager cpu = new CpuManager();

  /** A small conv net whose every step allocates several MB of activations and gradients. */
  private SequentialBlock smallConvNet() {
    SequentialBlock net =
        new SequentialBlock()
            .add(
                Conv2d.builder()
                    .setKernelShape(new Shape(3, 3))
                    .setFilters(16)
                    .optPadding(new Shape(1, 1))
                    .build())
            .add(BatchNorm.builder().build())
            .add(Activation.reluBlock())
            .add(Pool.globalAvgPool2dBlock())
            .add(Linear.builder().setUnits(16).build());
    net.initialize(cpu.manager(), DataType.FLOAT32, new Shape(1, 3, 32, 32));
    return net;
  }

  private float step(TrainingStep step, SequentialBlock net, NDManager scope) {
    NDArray images = scope.randomUniform(0f, 1f, new Shape(24, 3, 32, 32));
    TripletLoss loss = new TripletLoss(0.2f, 1f);
    return step.run(
        store ->
            loss.evaluate(
                L2Norm.rows(net.forward(store, new NDList(images), true).singletonOrThrow())));
  }

  @Test
  void nativeMemoryStaysFlatOver200StepsUnderSubManagers() throws IOException {
    SequentialBlock net = smallConvNet();
    staysFlat(net, new TrainingStep(net, Optimizer.adam().build(), cpu.manager()));
  }

  @Test
  void nativeMemoryStaysFlatWithTheCheckpointableAdam() throws IOException {
    SequentialBlock net = smallConvNet();
    staysFlat(net, new TrainingStep(net, new Adam(1e-3f, 1e-5f, cpu.manager()), cpu.manager()));
  }

  private void staysFlat(SequentialBlock net, TrainingStep step) throws IOException {
    long before = 0;
    int arraysBefore = 0;
    for (int i = 0; i < 220; i++) {
      if (i == 20) {
        before = residentBytes();
        arraysBefore = cpu.manager().getManagedArrays().size();
      }
      try (NDManager batch = cpu.manager().newSubManager()) {
        step(step, net, batch);
      }
    }
    long growth = residentBytes() - before;
    assertEquals(
        arraysBefore,
        cpu.manager().getManagedArrays().size(),
        "arrays left on the network's cpu.manager()");
    // Leaked activations add ~6 MB a step, over a GB in 200 steps; the allowance covers the
    // JVM's own heap settling.
    assertTrue(growth < LEAK_ALLOWANCE, "RSS grew by " + growth / 1024 / 1024 + " MB");
  }

  /**
   * Shows the measurement above can fail: the same steps without sub-managers leave every
   * activation and gradient on the network's cpu.manager(). (Counted, not measured as RSS: when
   * earlier tests in this JVM freed native memory, the allocator reuses it and RSS need not grow.)
   */
  @Test
  void withoutSubManagersTheSameStepsLeak() {
    SequentialBlock net = smallConvNet();
    TrainingStep step = new TrainingStep(net, Optimizer.adam().build(), cpu.manager());
    for (int i = 0; i < 5; i++) {
      step(step, net, cpu.manager());
    }
    int before = cpu.manager().getManagedArrays().size();
    for (int i = 0; i < 30; i++) {
      step(step, net, cpu.manager());
    }
    int growth = cpu.manager().getManagedArrays().size() - before;
    assertTrue(growth >= 30 * 10, "only " + growth + " arrays more after 30 steps");
  }

  @Test
  void aNonScalarLossIsRefused() {
    SequentialBlock net = smallConvNet();
    TrainingStep step = new TrainingStep(net, Optimizer.adam().build(), cpu.manager());
    try (NDManager batch = cpu.manager().newSubManager()) {
      NDArray images = batch.randomUniform(0f, 1f, new Shape(4, 3, 32, 32));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  step.run(
                      store -> net.forward(store, new NDList(images), true).singletonOrThrow()));
      assertEquals("the loss must be a scalar, got (4, 16)", e.getMessage());
    }
  }

  private static long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
