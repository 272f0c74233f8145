package org.facesearch.model;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.concurrent.Tasks;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.timing.Stage;
import org.facesearch.data.timing.StageTimes;

/**
 * Embeds the crops of concurrent callers in shared forward passes. A server answering several
 * queries at once would otherwise run one single-photo forward pass per query side by side; a
 * forward pass of one photo costs about as much fixed overhead as one of eight, and concurrent
 * passes each start their own native thread team on the same cores. Here one worker thread takes
 * whatever calls are waiting, up to {@code maxBatch} crops, and runs them as one batch. It never
 * waits for company: a lone caller's crops go through at once, so a quiet server answers as fast as
 * without batching.
 *
 * <p>One caller's bad crops (a wrong size) fail that caller alone: a batch that fails is retried
 * one call at a time.
 */
public final class BatchingEmbedder implements Embedder {
  private record Call(List<FaceCrop> crops, CompletableFuture<Done> result) {}

  /**
   * A call's vectors, and when ({@link System#nanoTime}) the forward pass that computed them began
   * and ended: the caller's time outside it was spent waiting for the worker.
   */
  private record Done(float[][] rows, long started, long finished) {}

  private final Embedder delegate;
  private final int maxBatch;
  private final BlockingQueue<Call> waiting = new LinkedBlockingQueue<>();
  private final Thread worker;
  private volatile boolean closed;

  /** Takes ownership of {@code delegate}, which must accept calls from any one thread. */
  public BatchingEmbedder(Embedder delegate, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("the largest batch must be at least 1, got " + maxBatch);
    }
    this.delegate = delegate;
    this.maxBatch = maxBatch;
    this.worker =
        Thread.ofPlatform()
            .daemon()
            .name("facesearch-embed-" + delegate.modelId())
            .start(this::work);
  }

  @Override
  public String modelId() {
    return delegate.modelId();
  }

  @Override
  public String inference() {
    return delegate.inference();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public Preprocessing preprocessing() {
    return delegate.preprocessing();
  }

  @Override
  public Optional<FaceAlignment> alignment() {
    return delegate.alignment();
  }

  @Override
  public FaceCrop prepare(BufferedImage framed) {
    return delegate.prepare(framed);
  }

  @Override
  public FaceCrop prepare(FramedFace face) {
    return delegate.prepare(face);
  }

  @Override
  public float[][] embed(List<FaceCrop> crops) {
    if (crops.isEmpty()) {
      return new float[0][];
    }
    CompletableFuture<Done> result = new CompletableFuture<>();
    long queued = System.nanoTime();
    waiting.add(new Call(List.copyOf(crops), result));
    if (closed) {
      // close() may have drained the queue before this call arrived; fail it rather than hang.
      result.completeExceptionally(closedException());
    }
    // The delegate's own exception (e.g. IllegalArgumentException for a wrong crop) rethrown.
    Done done = Tasks.await(result, "embedding");
    // Before the worker took the call, and between its pass and this thread running again, the
    // caller waited for the worker, not for the network.
    StageTimes.record(
        Stage.WAIT, (done.started() - queued) + (System.nanoTime() - done.finished()));
    return done.rows();
  }

  private void work() {
    List<Call> batch = new ArrayList<>();
    while (!closed) {
      try {
        batch.add(waiting.take());
      } catch (InterruptedException e) {
        break;
      }
      int crops = batch.getFirst().crops().size();
      for (Call next = waiting.peek();
          next != null && crops + next.crops().size() <= maxBatch;
          next = waiting.peek()) {
        batch.add(waiting.remove());
        crops += next.crops().size();
      }
      run(batch);
      batch.clear();
    }
    for (Call call = waiting.poll(); call != null; call = waiting.poll()) {
      call.result().completeExceptionally(closedException());
    }
  }

  private void run(List<Call> batch) {
    if (batch.size() == 1) {
      runAlone(batch.getFirst());
      return;
    }
    List<FaceCrop> all = new ArrayList<>();
    for (Call call : batch) {
      all.addAll(call.crops());
    }
    float[][] vectors;
    long started = System.nanoTime();
    try {
      vectors = delegate.embed(all);
    } catch (RuntimeException e) {
      batch.forEach(this::runAlone);
      return;
    } catch (Error e) {
      // The worker must outlive it (e.g. out of memory), or every later caller would wait forever.
      batch.forEach(call -> call.result().completeExceptionally(e));
      return;
    }
    long finished = System.nanoTime();
    int from = 0;
    for (Call call : batch) {
      float[][] rows = new float[call.crops().size()][];
      System.arraycopy(vectors, from, rows, 0, rows.length);
      from += rows.length;
      call.result().complete(new Done(rows, started, finished));
    }
  }

  private void runAlone(Call call) {
    try {
      long started = System.nanoTime();
      float[][] rows = delegate.embed(call.crops());
      call.result().complete(new Done(rows, started, System.nanoTime()));
    } catch (RuntimeException | Error e) {
      call.result().completeExceptionally(e);
    }
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("embedder " + modelId() + " is closed");
  }

  /** Finishes the batch in flight, fails the calls still waiting, then closes the delegate. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Call call = waiting.poll(); call != null; call = waiting.poll()) {
      call.result().completeExceptionally(closedException());
    }
    delegate.close();
  }
}
