package org.facesearch.trainer.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT/SIGTERM run the JVM's shutdown hooks) into a request the training loop sees
 * between steps: the hook then waits while the loop writes a checkpoint, so the JVM exits with a
 * usable one instead of dying in the middle of a step.
 */
final class StopSignal implements AutoCloseable {
  /** Longest the JVM's exit waits for the checkpoint; a step plus a save take far less. */
  private static final long WAIT_SECONDS = 300;

  private final CountDownLatch loopDone = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean requested;

  StopSignal() {
    hook =
        new Thread(
            () -> {
              requested = true;
              try {
                loopDone.await(WAIT_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "facesearch-train-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  boolean requested() {
    return requested;
  }

  /** The loop has finished (checkpoint written or not needed): let the JVM exit. */
  @Override
  public void close() {
    loopDone.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down because of the signal; the hook is running.
    }
  }
}
