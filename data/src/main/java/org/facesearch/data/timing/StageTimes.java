package org.facesearch.data.timing;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where one request's time went, stage by stage. A server binds one to the thread answering a
 * request ({@link #call}); the code of every module on the way records its stages with {@link
 * #time} and {@link #record}, which cost nothing but a check when nothing is bound (the command
 * line, the indexer, the tests), so the library APIs need no timing parameter.
 *
 * <p>Each nanosecond counts once: a stage timed inside another (the landmark network inside the
 * alignment, a lock wait inside detection) is taken out of the outer one, so the stages add up to
 * at most the request's wall time. Recording happens on the bound thread only: a worker thread
 * serving the request (the batching embedder's) reports its times back to the caller, which records
 * them.
 */
public final class StageTimes {
  private static final ScopedValue<StageTimes> CURRENT = ScopedValue.newInstance();

  private final long[] nanos = new long[Stage.values().length];

  /** Time recorded by stages nested in the one running now, to be taken out of it. */
  private long nested;

  /** Runs {@code work} with this recorder bound to the current thread, and returns its result. */
  public <T> T call(Supplier<T> work) {
    return ScopedValue.where(CURRENT, this).call(work::get);
  }

  /** Runs {@code work} with this recorder bound to the current thread. */
  public void run(Runnable work) {
    ScopedValue.where(CURRENT, this).run(work);
  }

  /**
   * Runs {@code work} as {@code stage} of the request the current thread is answering, if one is
   * being timed.
   */
  public static <T> T time(Stage stage, Supplier<T> work) {
    if (!CURRENT.isBound()) {
      return work.get();
    }
    StageTimes times = CURRENT.get();
    long outer = times.nested;
    times.nested = 0;
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      long elapsed = System.nanoTime() - start;
      times.nanos[stage.ordinal()] += elapsed - times.nested;
      times.nested = outer + elapsed;
    }
  }

  /** As {@link #time(Stage, Supplier)} for work without a result. */
  public static void time(Stage stage, Runnable work) {
    time(
        stage,
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * Adds {@code nanos} spent in {@code stage} that were measured by hand on this thread (a wait on
   * a lock, for another thread's work), taking them out of the stage running now, if a request is
   * being timed. They must have passed within that stage, or it would come out negative.
   */
  public static void record(Stage stage, long nanos) {
    if (!CURRENT.isBound() || nanos <= 0) {
      return;
    }
    StageTimes times = CURRENT.get();
    times.nanos[stage.ordinal()] += nanos;
    times.nested += nanos;
  }

  /** Milliseconds per stage that took any time, in the stages' order. */
  public Map<Stage, Double> millis() {
    Map<Stage, Double> millis = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      if (nanos[stage.ordinal()] > 0) {
        millis.put(stage, nanos[stage.ordinal()] / 1e6);
      }
    }
    return millis;
  }
}
