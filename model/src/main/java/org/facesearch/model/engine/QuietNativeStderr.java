package org.facesearch.model.engine;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Runs an action with the process's native standard error (file descriptor 2) pointed at {@code
 * /dev/null}, for native libraries that print to it directly where no Java logger can hold them
 * back.
 *
 * <p>Why: DJL's PyTorch JNI constructs libtorch's deprecated {@code AutoNonVariableTypeMode} in
 * {@code NDArray.set(Buffer)}, and libtorch warns about that once per process on fd 2 ({@code
 * LegacyTypeDispatch.h:74 ... is deprecated}), in the middle of a command's answer; neither {@code
 * TORCH_CPP_LOG_LEVEL} nor glog's level silences it. Setting one element once at start-up, here,
 * spends that warning where nobody sees it.
 *
 * <p>Best effort: on a platform without {@code dup}/{@code dup2}, or where native access is not
 * enabled, the action runs with standard error as it is.
 */
final class QuietNativeStderr {
  private static final int STDERR = 2;

  private QuietNativeStderr() {}

  static void run(Runnable action) {
    Libc libc = Libc.find();
    if (libc == null) {
      action.run();
      return;
    }
    System.err.flush();
    int saved = libc.dup(STDERR);
    int devNull = saved < 0 ? -1 : libc.openDevNull();
    if (devNull < 0 || libc.dup2(devNull, STDERR) < 0) {
      libc.close(devNull);
      libc.close(saved);
      action.run();
      return;
    }
    libc.close(devNull);
    try {
      action.run();
    } finally {
      libc.dup2(saved, STDERR);
      libc.close(saved);
    }
  }

  /** The few libc calls needed, or none where they cannot be linked. */
  private record Libc(MethodHandle dup, MethodHandle dup2, MethodHandle creat, MethodHandle close) {
    static Libc find() {
      try {
        Linker linker = Linker.nativeLinker();
        SymbolLookup c = linker.defaultLookup();
        FunctionDescriptor intOfInt = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
        return new Libc(
            linker.downcallHandle(c.find("dup").orElseThrow(), intOfInt),
            linker.downcallHandle(
                c.find("dup2").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT)),
            // creat, not open: open is variadic; on /dev/null creat's truncation does nothing.
            linker.downcallHandle(
                c.find("creat").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
            linker.downcallHandle(c.find("close").orElseThrow(), intOfInt));
      } catch (RuntimeException | LinkageError e) {
        return null;
      }
    }

    int dup(int fd) {
      return call(dup, fd);
    }

    int dup2(int from, int to) {
      try {
        return (int) dup2.invokeExact(from, to);
      } catch (Throwable e) {
        return -1;
      }
    }

    int openDevNull() {
      try (Arena arena = Arena.ofConfined()) {
        return (int) creat.invokeExact(arena.allocateFrom("/dev/null"), 0666);
      } catch (Throwable e) {
        return -1;
      }
    }

    void close(int fd) {
      if (fd >= 0) {
        call(close, fd);
      }
    }

    private static int call(MethodHandle handle, int fd) {
      try {
        return (int) handle.invokeExact(fd);
      } catch (Throwable e) {
        return -1;
      }
    }
  }
}
