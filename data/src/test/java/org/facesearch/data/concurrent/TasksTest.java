package org.facesearch.data.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class TasksTest {
  @Test
  void aTaskOnAnotherThreadGivesItsValueOrItsOwnException() {
    try (ExecutorService thread = Executors.newSingleThreadExecutor()) {
      assertEquals(42, Tasks.await(thread.submit(() -> 42), "answering"));

      IllegalArgumentException own = new IllegalArgumentException("a crop of the wrong size");
      assertSame(
          own,
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  Tasks.await(
                      thread.submit(
                          () -> {
                            throw own;
                          }),
                      "embedding")));

      IOException checked = new IOException("disk full");
      IllegalStateException wrapped =
          assertThrows(
              IllegalStateException.class,
              () ->
                  Tasks.await(
                      thread.submit(
                          () -> {
                            throw checked;
                          }),
                      "writing"));
      assertSame(checked, wrapped.getCause());
    }
  }

  @Test
  void anInterruptedWaitSaysWhatItWaitedForAndKeepsTheInterrupt() {
    Thread.currentThread().interrupt();
    try {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> Tasks.await(new CompletableFuture<>(), "adding images to the index"));
      assertEquals("interrupted while adding images to the index", e.getMessage());
      assertInstanceOf(InterruptedException.class, e.getCause());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }
}
