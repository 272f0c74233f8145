package org.facesearch.cli;

import org.facesearch.indexer.NoFaceException;
import picocli.CommandLine;
import picocli.CommandLine.IExitCodeExceptionMapper;

/**
 * facesearch's exit codes, as README's Configuration section lists them: 0 success, 1 error, 2 a
 * usage error (a wrong option or value; Picocli's convention), 3 no face in a photo (a normal
 * outcome that a script may want to tell apart from a mistyped command).
 */
final class ExitCodes implements IExitCodeExceptionMapper {
  static final int ERROR = 1;
  static final int USAGE = 2;
  static final int NO_FACE = 3;

  @Override
  public int getExitCode(Throwable exception) {
    if (exception instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    return exception instanceof NoFaceException ? NO_FACE : ERROR;
  }
}
