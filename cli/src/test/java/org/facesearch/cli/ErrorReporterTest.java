package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ErrorReporterTest {

  /** What Smile did on a machine without libopenblas-dev: an Error, which Picocli lets through. */
  @Command(name = "broken")
  static final class Broken implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new ExceptionInInitializerError(
          new IllegalArgumentException("Cannot open library: libopenblas.so"));
    }
  }

  @Test
  void anErrorInACommandIsOneSentenceAndExitCode1NotAStackTrace() {
    CommandLine cli = new CommandLine(new Broken());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setExecutionStrategy(ErrorReporter.catchingErrors());
    cli.setExitCodeExceptionMapper(new ExitCodes());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute();

    assertEquals(ExitCodes.ERROR, exit);
    String[] lines = err.toString().strip().split("\n");
    assertEquals(1, lines.length, err.toString());
    assertTrue(
        lines[0].startsWith(
            "facesearch: a native library failed to load (Cannot open library: libopenblas.so)"),
        lines[0]);
    assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
  }

  @Test
  void otherErrorsSayWhatToDo() {
    assertTrue(
        ErrorReporter.describe(new OutOfMemoryError("Java heap space"))
            .contains("FACESEARCH_JAVA_OPTS=-Xmx"));
    String internal = ErrorReporter.describe(new StackOverflowError());
    assertTrue(internal.startsWith("internal error (StackOverflowError"), internal);
    assertTrue(internal.contains("FACESEARCH_DEBUG=1"), internal);
  }
}
