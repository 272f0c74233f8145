package org.facesearch.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.facesearch.model.arch.L2Norm;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.trainer.step.TrainingStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each objective trains a tiny MLP with Adam on a fixed problem: 4 identities, 8 noisy samples
 * each, in 12 dimensions. The loss must fall well below where it starts.
 */
class LossesLearnTest {
  private static final int CLASSES = 4;
  private static final int PER_CLASS = 8;
  private static final int N = CLASSES * PER_CLASS;
  private static final int DIM = 12;
  private static final int STEPS = 80;

  private NDManager manager;
  private float[][] samples;
  private int[] labels;

  @BeforeEach
  void makeProblem() {
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    runtime.engine().setRandomSeed(20260101);
    manager = runtime.newManager();
    Random random = new Random(42);
    float[][] centres = new float[CLASSES][DIM];
    for (float[] c : centres) {
      for (int d = 0; d < DIM; d++) {
        c[d] = (float) random.nextGaussian();
      }
    }
    samples = new float[N][DIM];
    labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i / PER_CLASS;
      for (int d = 0; d < DIM; d++) {
        samples[i][d] = centres[labels[i]][d] + 0.8f * (float) random.nextGaussian();
      }
    }
  }

  @AfterEach
  void free() {
    manager.close();
  }

  @Test
  void tripletLossFalls() {
    // Anchor i, positive: the next sample of its class, negative: the same slot in the next class.
    float[][] anchors = samples;
    float[][] positives = new float[N][];
    float[][] negatives = new float[N][];
    for (int i = 0; i < N; i++) {
      int cls = labels[i];
      positives[i] = samples[cls * PER_CLASS + (i + 1) % PER_CLASS];
      negatives[i] = samples[((cls + 1) % CLASSES) * PER_CLASS + i % PER_CLASS];
    }
    TripletLoss loss = new TripletLoss(0.5f, 1f);
    List<Float> losses =
        train(
            mlp(8),
            (store, batch, net) -> {
              NDArray x =
                  TripletLoss.stack(
                      batch(batch, anchors), batch(batch, positives), batch(batch, negatives));
              return loss.evaluate(L2Norm.rows(forward(net, store, x)));
            });
    assertFalls(losses, 0.3);
  }

  @Test
  void ntXentLossFalls() {
    Random random = new Random(7);
    float[][] view1 = jitter(random);
    float[][] view2 = jitter(random);
    NtXentLoss loss = new NtXentLoss(0.1f);
    List<Float> losses =
        train(
            mlp(8),
            (store, batch, net) -> {
              NDArray x = batch(batch, view1).concat(batch(batch, view2), 0);
              return loss.evaluate(forward(net, store, x));
            });
    assertFalls(losses, 0.75);
  }

  @Test
  void contrastiveLossFallsOnGivenPairs() {
    // Each sample with the next of its class (same) and with the next class's sample (different).
    float[][] first = new float[2 * N][];
    float[][] second = new float[2 * N][];
    float[] same = new float[2 * N];
    for (int i = 0; i < N; i++) {
      int cls = labels[i];
      first[2 * i] = samples[i];
      second[2 * i] = samples[cls * PER_CLASS + (i + 1) % PER_CLASS];
      same[2 * i] = 1;
      first[2 * i + 1] = samples[i];
      second[2 * i + 1] = samples[((cls + 1) % CLASSES) * PER_CLASS + i % PER_CLASS];
    }
    ContrastiveLoss loss = new ContrastiveLoss(1f);
    List<Float> losses =
        train(
            mlp(8),
            (store, batch, net) -> {
              // Both sides of every pair in one forward pass, then split.
              NDList sides =
                  forward(net, store, batch(batch, first).concat(batch(batch, second), 0)).split(2);
              return loss.evaluate(sides.get(0), sides.get(1), batch.create(same));
            });
    assertFalls(losses, 0.3);
  }

  @Test
  void batchAllContrastiveLossFalls() {
    ContrastiveLoss loss = new ContrastiveLoss(1f);
    List<Float> losses =
        train(
            mlp(8),
            (store, batch, net) ->
                loss.evaluateAllPairs(
                    forward(net, store, batch(batch, samples)), batch.create(labels)));
    assertFalls(losses, 0.3);
  }

  @Test
  void binaryCrossEntropyFallsForAPairClassifier() {
    // The classifier sees both samples of a pair side by side; half the pairs are same-person.
    float[][] pairs = new float[2 * N][];
    float[] same = new float[2 * N];
    for (int i = 0; i < N; i++) {
      int cls = labels[i];
      pairs[2 * i] = concat(samples[i], samples[cls * PER_CLASS + (i + 3) % PER_CLASS]);
      same[2 * i] = 1;
      pairs[2 * i + 1] =
          concat(samples[i], samples[((cls + 1 + i % 3) % CLASSES) * PER_CLASS + i % PER_CLASS]);
    }
    BinaryCrossEntropy loss = new BinaryCrossEntropy();
    List<Float> losses =
        train(
            mlp(1),
            (store, batch, net) ->
                loss.evaluate(
                    forward(net, store, batch(batch, pairs)).reshape(-1), batch.create(same)));
    assertFalls(losses, 0.6);
  }

  private interface Objective {
    NDArray loss(ParameterStore store, NDManager batch, SequentialBlock net);
  }

  private List<Float> train(SequentialBlock net, Objective objective) {
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
    TrainingStep step = new TrainingStep(net, adam, manager);
    List<Float> losses = new ArrayList<>();
    for (int i = 0; i < STEPS; i++) {
      try (NDManager batch = manager.newSubManager()) {
        losses.add(step.run(store -> objective.loss(store, batch, net)));
      }
    }
    return losses;
  }

  private SequentialBlock mlp(int outputs) {
    SequentialBlock net =
        new SequentialBlock()
            .add(Linear.builder().setUnits(32).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(outputs).build());
    // The BCE classifier takes pairs side by side: twice as wide.
    net.initialize(manager, DataType.FLOAT32, new Shape(1, outputs == 1 ? 2 * DIM : DIM));
    return net;
  }

  private static NDArray forward(SequentialBlock net, ParameterStore store, NDArray x) {
    return net.forward(store, new NDList(x), true).singletonOrThrow();
  }

  private static NDArray batch(NDManager manager, float[][] rows) {
    float[] flat = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
    }
    return manager.create(flat, new Shape(rows.length, rows[0].length));
  }

  private float[][] jitter(Random random) {
    float[][] out = new float[N][DIM];
    for (int i = 0; i < N; i++) {
      for (int d = 0; d < DIM; d++) {
        out[i][d] = samples[i][d] + 0.1f * (float) random.nextGaussian();
      }
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The last five steps' mean loss is at most {@code ratio} times the first five's. */
  private static void assertFalls(List<Float> losses, double ratio) {
    double first =
        losses.subList(0, 5).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
    double last =
        losses.subList(losses.size() - 5, losses.size()).stream()
            .mapToDouble(Float::doubleValue)
            .average()
            .orElseThrow();
    assertTrue(
        last <= ratio * first,
        "loss should fall to at most "
            + ratio
            + " of its start: "
            + first
            + " -> "
            + last
            + " over "
            + losses);
  }
}
