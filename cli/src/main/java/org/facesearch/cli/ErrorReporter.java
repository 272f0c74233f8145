package org.facesearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one line on stderr and exit code 1. Users see what went
 * wrong and what to do; {@code FACESEARCH_DEBUG=1} adds the stack trace for developers.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    cli.getErr().println("facesearch: " + message);
    if (System.getenv("FACESEARCH_DEBUG") != null) {
      e.printStackTrace(cli.getErr());
    }
    return cli.getExitCodeExceptionMapper() != null
        ? cli.getExitCodeExceptionMapper().getExitCode(e)
        : 1;
  }
}
