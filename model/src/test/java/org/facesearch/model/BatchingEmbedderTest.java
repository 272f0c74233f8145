package org.facesearch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.testing.LfwCrops;
import org.junit.jupiter.api.Test;

/** Concurrent calls share forward passes and still get exactly their own vectors. */
class BatchingEmbedderTest {
  private static final List<FaceCrop> FACES = LfwCrops.load(Preprocessing.RESNET_64);
  private final PixelEmbedder pixels = new PixelEmbedder(Preprocessing.RESNET_64);

  @Test
  void concurrentCallersGetTheirOwnVectors() throws Exception {
    Recording recording = new Recording(pixels, null);
    try (BatchingEmbedder batching = new BatchingEmbedder(recording, 8);
        ExecutorService callers = Executors.newFixedThreadPool(6)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int caller = t;
        done.add(
            callers.submit(
                () -> {
                  for (int call = 0; call < 20; call++) {
                    // 1 to 3 faces, different for each caller and call.
                    List<FaceCrop> crops = new ArrayList<>();
                    for (int i = 0; i <= (caller + call) % 3; i++) {
                      crops.add(FACES.get((caller * 7 + call + i) % FACES.size()));
                    }
                    float[][] expected = pixels.embed(crops);
                    float[][] got = batching.embed(crops);
                    assertEquals(crops.size(), got.length);
                    for (int i = 0; i < got.length; i++) {
                      assertArrayEquals(expected[i], got[i], "caller " + caller + " call " + call);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    int crops = recording.batchSizes.stream().mapToInt(Integer::intValue).sum();
    assertEquals(6 * 20 * 2, crops, "every crop embedded exactly once (mean 2 per call)");
    assertTrue(
        recording.batchSizes.stream().allMatch(size -> size <= 8), recording.batchSizes.toString());
  }

  @Test
  void callsThatArriveDuringAPassShareTheNextOneUpToTheLimit() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Recording recording = new Recording(pixels, release);
    try (BatchingEmbedder batching = new BatchingEmbedder(recording, 3);
        ExecutorService callers = Executors.newFixedThreadPool(6)) {
      List<Future<float[][]>> results = new ArrayList<>();
      results.add(callers.submit(() -> batching.embed(List.of(FACES.get(0)))));
      recording.entered.await(30, TimeUnit.SECONDS);
      List<Thread> waiting = new CopyOnWriteArrayList<>();
      for (int i = 1; i <= 5; i++) {
        FaceCrop face = face(i);
        results.add(
            callers.submit(
                () -> {
                  waiting.add(Thread.currentThread());
                  return batching.embed(List.of(face));
                }));
      }
      awaitBlocked(waiting, 5);
      release.countDown();
      for (int i = 0; i < results.size(); i++) {
        assertArrayEquals(
            pixels.embed(List.of(face(i)))[0], results.get(i).get(30, TimeUnit.SECONDS)[0]);
      }
    }
    assertEquals(
        List.of(1, 3, 2), recording.batchSizes, "one alone, then the five queued in 3 + 2");
  }

  @Test
  void aBadCropFailsOnlyItsOwnCall() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Recording recording = new Recording(pixels, release);
    FaceCrop wrongSize = new FaceCrop(3, 32, 32, new byte[3 * 32 * 32]);
    try (BatchingEmbedder batching = new BatchingEmbedder(recording, 16);
        ExecutorService callers = Executors.newFixedThreadPool(4)) {
      Future<float[][]> first = callers.submit(() -> batching.embed(List.of(FACES.get(0))));
      recording.entered.await(30, TimeUnit.SECONDS);
      List<Thread> waiting = new CopyOnWriteArrayList<>();
      Future<float[][]> good =
          callers.submit(
              () -> {
                waiting.add(Thread.currentThread());
                return batching.embed(List.of(FACES.get(1), FACES.get(2)));
              });
      Future<float[][]> bad =
          callers.submit(
              () -> {
                waiting.add(Thread.currentThread());
                return batching.embed(List.of(FACES.get(3), wrongSize));
              });
      awaitBlocked(waiting, 2);
      release.countDown();
      first.get(30, TimeUnit.SECONDS);
      float[][] vectors = good.get(30, TimeUnit.SECONDS);
      assertArrayEquals(pixels.embed(List.of(FACES.get(2)))[0], vectors[1]);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof IllegalArgumentException, e.getCause().toString());
      // The message names the crop by its place in its own call, not in the shared batch.
      assertTrue(
          e.getCause().getMessage().startsWith("crop 1 is 3x32x32"), e.getCause().getMessage());
    }
  }

  @Test
  void closingClosesTheModelAndRefusesLaterCalls() {
    Recording recording = new Recording(pixels, null);
    BatchingEmbedder batching = new BatchingEmbedder(recording, 4);
    assertEquals(pixels.modelId(), batching.modelId());
    assertEquals(pixels.dimension(), batching.dimension());
    // What computes the vectors is the wrapped model's, as the server's Status page shows it.
    assertEquals("fp32 (test)", batching.inference());
    batching.close();
    assertTrue(recording.closed);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> batching.embed(List.of(FACES.get(0))));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new BatchingEmbedder(pixels, 0));
  }

  private static FaceCrop face(int i) {
    return FACES.get(i % FACES.size());
  }

  /** Waits until {@code count} callers have registered and are parked waiting for their result. */
  private static void awaitBlocked(List<Thread> callers, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (callers.size() == count
          && callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("callers did not queue up: " + callers);
  }

  /** Records each batch the worker runs; its first call may be held until {@code release}. */
  private static final class Recording implements Embedder {
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final Embedder delegate;
    final CountDownLatch release;
    volatile boolean closed;

    Recording(Embedder delegate, CountDownLatch release) {
      this.delegate = delegate;
      this.release = release;
    }

    @Override
    public String inference() {
      return "fp32 (test)";
    }

    @Override
    public String modelId() {
      return delegate.modelId();
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
    public float[][] embed(List<FaceCrop> crops) {
      batchSizes.add(crops.size());
      entered.countDown();
      if (release != null) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return delegate.embed(crops);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
