package org.facesearch.indexer.testing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;

/**
 * Wraps a real embedder, optionally sleeping before each batch (so a build is surely in flight when
 * a test interrupts it) and failing on a chosen batch (a model crashing mid-build).
 */
public final class FailingEmbedder implements Embedder {
  private final Embedder real;
  private final int failOnBatch;
  private final long sleepMillis;
  private final AtomicInteger batches = new AtomicInteger();

  /** Fails on batch number {@code failOnBatch} (from 1); 0 never fails. */
  public FailingEmbedder(Embedder real, int failOnBatch, long sleepMillis) {
    this.real = real;
    this.failOnBatch = failOnBatch;
    this.sleepMillis = sleepMillis;
  }

  public int batches() {
    return batches.get();
  }

  @Override
  public String inference() {
    return "fp32 (test)";
  }

  @Override
  public String modelId() {
    return real.modelId();
  }

  @Override
  public int dimension() {
    return real.dimension();
  }

  @Override
  public Preprocessing preprocessing() {
    return real.preprocessing();
  }

  @Override
  public float[][] embed(List<FaceCrop> crops) {
    if (sleepMillis > 0) {
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    if (batches.incrementAndGet() == failOnBatch) {
      throw new IllegalStateException("simulated model failure on batch " + failOnBatch);
    }
    return real.embed(crops);
  }

  @Override
  public void close() {
    real.close();
  }
}
