package org.facesearch.trainer.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.trainer.loss.TripletLoss;
import org.facesearch.trainer.step.Adam;
import org.facesearch.trainer.step.TrainingStep;

/**
 * Throughput of ResNet-18 + TriNet at 64x64 on this machine: batch-hard triplet training steps
 * and inference forward passes, on random pixels (speed does not depend on the content).
 */
public final class TrainBenchmark {
  /** Images per second of training and of embedding. */
  public record Result(String device, int batch, double trainImagesPerSecond, double embedImagesPerSecond) {}

  private TrainBenchmark() {}

  /** Times {@code steps} training steps and as many inference batches after one warm-up each. */
  public static Result measure(TorchRuntime runtime, int batch, int steps) {
    if (batch < 8 || steps < 1) {
      throw new IllegalArgumentException("benchmark needs batch >= 8 and steps >= 1, got " + batch + ", " + steps);
    }
    ModelSpec spec = ModelSpec.standard(Objective.TRIPLET, Architecture.RESNET18);
    try (NDManager manager = runtime.newManager()) {
      runtime.engine().setRandomSeed(1);
      FaceNetwork network = spec.newNetwork();
      network.initialize(manager, 3);
      TrainingStep step = new TrainingStep(network, new Adam(1e-4f, 0f, manager), manager);
      TripletLoss loss = new TripletLoss(0.2f, 1f);
      int[] labels = new int[batch];
      for (int i = 0; i < batch; i++) {
        labels[i] = i / 4;
      }
      Shape shape = new Shape(batch, 3, 64, 64);
      long trainNanos = 0;
      for (int i = 0; i <= steps; i++) {
        try (NDManager scope = manager.newSubManager()) {
          NDArray images = scope.randomNormal(shape);
          NDArray ids = scope.create(labels);
          long t0 = System.nanoTime();
          step.run(store -> loss.evaluateBatchHard(
              network.project(store, network.features(store, images, true), true), ids));
          if (i > 0) {
            trainNanos += System.nanoTime() - t0;
          }
        }
      }
      ParameterStore inference = new ParameterStore(manager, false);
      long embedNanos = 0;
      for (int i = 0; i <= steps; i++) {
        try (NDManager scope = manager.newSubManager()) {
          NDArray images = scope.randomNormal(shape);
          long t0 = System.nanoTime();
          network.project(inference, network.features(inference, images, false), false).toFloatArray();
          if (i > 0) {
            embedNanos += System.nanoTime() - t0;
          }
        }
      }
      double images = (double) batch * steps;
      return new Result(runtime.deviceDescription(), batch, images / (trainNanos / 1e9), images / (embedNanos / 1e9));
    }
  }
}
