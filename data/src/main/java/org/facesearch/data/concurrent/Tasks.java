package org.facesearch.data.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread, as if it had run on this one. */
public final class Tasks {
  private Tasks() {}

  /**
   * The task's result. A task that failed rethrows its own exception here (an unchecked one as it
   * is, so its message and type reach the caller unchanged; a checked one wrapped); an interrupted
   * wait keeps the thread's interrupt and says what it was waiting for.
   *
   * @param waitingFor what the task does, for the interrupted case: "while {@code waitingFor}"
   */
  public static <T> T await(Future<T> task, String waitingFor) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + waitingFor, e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException unchecked -> throw unchecked;
        case Error error -> throw error;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }
}
