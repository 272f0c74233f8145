package org.facesearch.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.engine.Bf16Casts;
import org.facesearch.model.engine.Bf16ParameterStore;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.trainer.loss.TripletLoss;
import org.facesearch.trainer.step.Adam;
import org.facesearch.trainer.step.TrainingStep;

/**
 * Throughput of ResNet-18 + TriNet at 64x64 on this machine: batch-hard triplet training steps
 * (margin 0.2, labels i / 4, Adam at 1e-4) and inference forward passes copied out to Java, on
 * random pixels (speed does not depend on the content). {@code bench/torch_speed.py} does the same
 * in PyTorch. One network serves every measurement, so they can be interleaved.
 */
public final class TrainBenchmark implements AutoCloseable {
  /** Images per second of training and of embedding. */
  public record Result(
      String device, int batch, double trainImagesPerSecond, double embedImagesPerSecond) {}

  /** What is timed. */
  public enum Kind {
    TRAIN,
    EMBED
  }

  private final TorchRuntime runtime;
  private final int batch;
  private final NDManager manager;
  private final FaceNetwork network;

  /** A network with random weights for batches of {@code batch} images. */
  public TrainBenchmark(TorchRuntime runtime, int batch) {
    if (batch < 8) {
      throw new IllegalArgumentException("benchmark needs batch >= 8, got " + batch);
    }
    this.runtime = runtime;
    this.batch = batch;
    this.manager = runtime.newManager();
    runtime.engine().setRandomSeed(1);
    this.network = ModelSpec.standard(Objective.TRIPLET, Architecture.RESNET18).newNetwork();
    network.initialize(manager, 3);
  }

  /** Times {@code steps} training steps and as many inference batches after one warm-up each. */
  public static Result measure(TorchRuntime runtime, int batch, int steps, Precision precision) {
    try (TrainBenchmark bench = new TrainBenchmark(runtime, batch)) {
      return new Result(
          runtime.deviceDescription(),
          batch,
          bench.imagesPerSecond(Kind.TRAIN, precision, steps),
          bench.imagesPerSecond(Kind.EMBED, precision, steps));
    }
  }

  /**
   * Trainable values of the backbone (batch-norm running statistics excluded): torchvision's
   * ResNet-18 without its classifier has 11,176,512, which PyTorch's side reports too.
   */
  public long backboneParameters() {
    long count = 0;
    for (Pair<String, Block> child : network.getChildren()) {
      if (child.getKey().endsWith("backbone")) {
        for (Parameter p : child.getValue().getParameters().values()) {
          count += p.requiresGradient() ? p.getShape().size() : 0;
        }
      }
    }
    return count;
  }

  /** Trainable values of the head. */
  public long headParameters() {
    return network.trainableParameterCount() - backboneParameters();
  }

  /** Images per second over {@code steps} timed batches after one untimed one. */
  public double imagesPerSecond(Kind kind, Precision precision, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("benchmark needs steps >= 1, got " + steps);
    }
    Precision resolved = precision.resolve(manager.getDevice());
    long nanos = kind == Kind.TRAIN ? train(resolved, steps) : embed(resolved, steps);
    return (double) batch * steps / (nanos / 1e9);
  }

  private long train(Precision precision, int steps) {
    try (NDManager run = manager.newSubManager()) {
      TrainingStep step = new TrainingStep(network, new Adam(1e-4f, 0f, run), run, precision);
      TripletLoss loss = new TripletLoss(0.2f, 1f);
      int[] labels = new int[batch];
      for (int i = 0; i < batch; i++) {
        labels[i] = i / 4;
      }
      long nanos = 0;
      for (int i = 0; i <= steps; i++) {
        try (NDManager scope = manager.newSubManager()) {
          NDArray images = scope.randomNormal(new Shape(batch, 3, 64, 64));
          NDArray ids = scope.create(labels);
          long t0 = System.nanoTime();
          step.run(
              store ->
                  loss.evaluateBatchHard(
                      network.project(store, network.features(store, images, true), true), ids));
          if (i > 0) {
            nanos += System.nanoTime() - t0;
          }
        }
      }
      return nanos;
    }
  }

  private long embed(Precision precision, int steps) {
    try (NDManager run = manager.newSubManager()) {
      // The casts of the weights are made once, as an embedder makes them, before the timing.
      ParameterStore inference =
          precision == Precision.BF16
              ? Bf16ParameterStore.forInference(run, new Bf16Casts(run))
              : new ParameterStore(run, false);
      long nanos = 0;
      for (int i = 0; i <= steps; i++) {
        try (NDManager scope = run.newSubManager()) {
          NDArray images = scope.randomNormal(new Shape(batch, 3, 64, 64));
          long t0 = System.nanoTime();
          network
              .project(inference, network.features(inference, images, false), false)
              .toFloatArray();
          if (i > 0) {
            nanos += System.nanoTime() - t0;
          }
        }
      }
      return nanos;
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
