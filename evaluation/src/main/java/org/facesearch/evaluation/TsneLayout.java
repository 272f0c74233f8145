package org.facesearch.evaluation;

import java.util.concurrent.Flow;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import smile.manifold.TSNE;
import smile.math.MathEx;
import smile.util.AlgoStatus;
import smile.util.IterativeAlgorithmController;

/**
 * A 2-D t-SNE map (Smile) for pictures only: distances between far-apart groups mean little. Its
 * input should already be reduced to a few dozen principal components, the usual practice, which
 * removes noise and makes the pairwise distances cheap.
 */
public final class TsneLayout {
  /** How many principal components t-SNE starts from. */
  public static final int INPUT_DIMENSIONS = 50;

  /** Smile's floor. */
  public static final int MIN_ITERATIONS = 250;

  /**
   * Smile's default end of early exaggeration and low momentum, for its default 1,000 iterations.
   */
  private static final int MOMENTUM_SWITCH = 250;

  static final double PERPLEXITY = 30;
  static final double LEARNING_RATE = 200;
  static final double EARLY_EXAGGERATION = 12;
  // Smile's defaults for the remaining options.
  private static final int MAX_ITERATIONS_WITHOUT_PROGRESS = 50;
  private static final double TOLERANCE = 1e-7;
  private static final double MOMENTUM = 0.5;
  private static final double FINAL_MOMENTUM = 0.8;
  private static final double MIN_GAIN = 0.01;

  private TsneLayout() {}

  /**
   * One (x, y) per row of {@code reduced}, with a progress bar on stderr.
   *
   * @throws IllegalArgumentException for fewer than 4 rows or {@code iterations < MIN_ITERATIONS}
   */
  public static double[][] layout(double[][] reduced, int iterations, long seed) {
    if (reduced.length < 4) {
      throw new IllegalArgumentException("t-SNE needs at least 4 faces, got " + reduced.length);
    }
    if (reduced.length == reduced[0].length) {
      // Smile reads a square input as a distance matrix.
      throw new IllegalArgumentException(
          "t-SNE input must have fewer columns than rows, got "
              + reduced.length
              + " x "
              + reduced.length);
    }
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "t-SNE needs at least " + MIN_ITERATIONS + " iterations, got " + iterations);
    }
    // Perplexity is a soft neighbour count; it must stay well below the number of points.
    double perplexity = Math.min(PERPLEXITY, (reduced.length - 1) / 3.0);
    // Shorter runs end the early phase at the same quarter of their length as Smile's defaults.
    int momentumSwitch = Math.min(MOMENTUM_SWITCH, iterations / 4);
    try (ProgressBar progress =
            new ProgressBarBuilder()
                .setTaskName("t-SNE")
                .setInitialMax(iterations)
                .setUnit(" it", 1)
                .build();
        // Delivering progress on the calling thread: the default controller starts a thread pool
        // that it never shuts down, which would keep the JVM alive.
        IterativeAlgorithmController<AlgoStatus> controller =
            new IterativeAlgorithmController<>(Runnable::run, Flow.defaultBufferSize())) {
      controller.subscribe(new ProgressSubscriber(progress));
      TSNE.Options options =
          new TSNE.Options(
              2,
              perplexity,
              LEARNING_RATE,
              EARLY_EXAGGERATION,
              iterations,
              MAX_ITERATIONS_WITHOUT_PROGRESS,
              TOLERANCE,
              MOMENTUM,
              FINAL_MOMENTUM,
              momentumSwitch,
              MIN_GAIN,
              controller);
      // Smile draws the initial map from a per-thread generator; seeding it makes maps repeatable.
      MathEx.setSeed(seed);
      double[][] map = TSNE.fit(reduced, options).coordinates();
      progress.stepTo(iterations);
      return map;
    }
  }

  /** Moves the bar as Smile reports iterations. */
  private record ProgressSubscriber(ProgressBar progress) implements Flow.Subscriber<AlgoStatus> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(AlgoStatus status) {
      progress.stepTo(status.iteration() + 1L);
    }

    @Override
    public void onError(Throwable error) {}

    @Override
    public void onComplete() {}
  }
}
