package org.facesearch.indexer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.facesearch.data.concurrent.Tasks;

/**
 * Adds each embedded batch to the new build on a thread of its own, while the caller embeds the
 * next batch: at most one batch is being added at a time, in the order given.
 *
 * <p>Why: adding an image inserts it into the HNSW graph (2.4 s of a 44 s LFW build, a JFR profile
 * on the AVX2 machine), which needs the CPU only while the network does not quite fill both cores
 * (about 175% of two during a build). A failed add surfaces, with its own exception, at the next
 * {@link #add} or at {@link #finish}; nothing after it is added.
 */
final class PipelinedAdds implements AutoCloseable {
  private final NewBuild build;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "index-adds");
            t.setDaemon(true);
            return t;
          });
  private Future<?> pending = CompletableFuture.completedFuture(null);

  PipelinedAdds(NewBuild build) {
    this.build = build;
  }

  /** Waits for the previous batch, then starts adding this one. */
  void add(List<IndexEntry> entries) {
    await();
    pending = thread.submit(() -> entries.forEach(build::add));
  }

  /** Waits until every batch given is in the build. */
  void finish() {
    await();
  }

  private void await() {
    Tasks.await(pending, "adding images to the index");
  }

  /** Stops the thread; a batch still being added is waited for, not abandoned half-way. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
        // An add of 64 images takes milliseconds; keep waiting rather than leave a writer in use.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
