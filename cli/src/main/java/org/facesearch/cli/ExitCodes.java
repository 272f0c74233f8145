package org.facesearch.cli;

import org.facesearch.indexer.NoFaceException;
import picocli.CommandLine;
import picocli.CommandLine.IExitCodeExceptionMapper;

/**
 * facesearch's exit codes: 0 success, 1 error, 2 bad usage (picocli's convention) or no face in a
 * photo (a normal outcome that scripts test for).
 */
final class ExitCodes implements IExitCodeExceptionMapper {
  static final int ERROR = 1;
  static final int NO_FACE = 2;

  @Override
  public int getExitCode(Throwable exception) {
    if (exception instanceof CommandLine.ParameterException) {
      return CommandLine.ExitCode.USAGE;
    }
    return exception instanceof NoFaceException ? NO_FACE : ERROR;
  }
}
