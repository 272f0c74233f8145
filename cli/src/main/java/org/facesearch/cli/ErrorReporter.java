package org.facesearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one line on stderr and exit code 1 (2 when no face). Users see what went
 * wrong and what to do; {@code FACESEARCH_DEBUG=1} adds the stack trace for developers.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed)
      throws Exception {
    if (e instanceof CommandLine.ParameterException bad) {
      // A value that only the command itself could check is still a usage error: same exit code
      // (2) and message style as the ones Picocli catches while parsing.
      return cli.getParameterExceptionHandler().handleParseException(bad, parsed.originalArgs().toArray(String[]::new));
    }
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
