package org.facesearch.trainer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.trainer.loss.TripletLoss;
import org.facesearch.trainer.testing.Crops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mixed-precision steps of ResNet-18 + TriNet on real LFW faces, against fp32 steps. */
class MixedPrecisionStepTest {
  private static final ModelSpec SPEC =
      ModelSpec.standard(Objective.TRIPLET, Architecture.RESNET18);

  private NDManager manager;
  private FaceNetwork network;
  private List<FaceCrop> faces;

  @BeforeEach
  void open() {
    manager =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU)).newManager();
    network = SPEC.newNetwork();
    network.initialize(manager, 3);
    faces = Crops.load(SPEC.input().preprocessing(), 4);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /**
   * Every parameter's gradient of one batch-hard step, by name; the weights are left as they were.
   */
  private Map<String, float[]> gradients(Precision precision) {
    Map<String, float[]> gradients = new TreeMap<>();
    ParameterUpdater capture =
        (name, parameter, gradient) -> {
          assertEquals(DataType.FLOAT32, parameter.getArray().getDataType(), name + " weight");
          assertEquals(DataType.FLOAT32, gradient.getDataType(), name + " gradient");
          gradients.put(name, gradient.toFloatArray());
          // libtorch accumulates into .grad; the optimisers clear it, so must this.
          gradient.muli(0f);
        };
    TrainingStep step = new TrainingStep(network, capture, manager, precision);
    try (NDManager batch = manager.newSubManager()) {
      // Anchors (both people's first photos), positives (their second), negatives (the other
      // person's first). A margin of 2 keeps every triplet active (unit vectors are at most 2
      // apart): no hinge or hardest-example choice can flip between the two precisions, so the
      // gradients differ only by rounding.
      List<FaceCrop> triplets =
          List.of(
              faces.get(0), faces.get(2), faces.get(1), faces.get(3), faces.get(2), faces.get(0));
      NDArray images = SPEC.input().tensor(batch, triplets);
      step.run(
          store ->
              new TripletLoss(2f, 1f)
                  .evaluate(network.project(store, network.features(store, images, true), true)));
    }
    return gradients;
  }

  @Test
  void bf16GradientsReachTheFp32WeightsAndPointWhereFp32OnesDo() {
    Map<String, float[]> fp32 = gradients(Precision.FP32);
    Map<String, float[]> bf16 = gradients(Precision.BF16);
    assertEquals(fp32.keySet(), bf16.keySet());
    double dot = 0;
    double fp32Norm = 0;
    double bf16Norm = 0;
    for (String name : fp32.keySet()) {
      float[] a = fp32.get(name);
      float[] b = bf16.get(name);
      for (int i = 0; i < a.length; i++) {
        dot += a[i] * b[i];
        fp32Norm += a[i] * a[i];
        bf16Norm += b[i] * b[i];
      }
    }
    assertTrue(bf16Norm > 0, "no gradient reached the weights through the bf16 casts");
    double cosine = dot / Math.sqrt(fp32Norm * bf16Norm);
    // Rounding to bf16's 8-bit mantissa moves the gradients of an untrained ResNet-18 this much:
    // PyTorch 1.13's own autocast, fp32 against bf16 on the same network, loss and batch size
    // (random weights and pixels), gives a cosine of 0.92; this path gives 0.94. A broken path
    // (no gradient through the casts, or one that reaches the wrong weights) gives near 0.
    assertTrue(cosine > 0.9, "cosine between the fp32 and bf16 gradients: " + cosine);
  }

  @Test
  void theCastsOfEachStepAreFreedAfterIt() {
    TrainingStep step =
        new TrainingStep(network, new Adam(1e-4f, 0f, manager), manager, Precision.BF16);
    int before = 0;
    for (int i = 0; i < 4; i++) {
      if (i == 1) {
        before = manager.getManagedArrays().size();
      }
      try (NDManager batch = manager.newSubManager()) {
        NDArray images = SPEC.input().tensor(batch, faces);
        NDArray labels = batch.create(new int[] {0, 0, 1, 1});
        float loss =
            step.run(
                store ->
                    new TripletLoss(0.2f, 1f)
                        .evaluateBatchHard(
                            network.project(store, network.features(store, images, true), true),
                            labels));
        assertTrue(Float.isFinite(loss), "loss " + loss);
      }
    }
    assertEquals(before, manager.getManagedArrays().size(), "arrays left on the network's manager");
  }
}
