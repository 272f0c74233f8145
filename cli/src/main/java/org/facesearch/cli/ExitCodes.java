package org.facesearch.cli;

import org.facesearch.data.face.NoFaceException;
import picocli.CommandLine;
import picocli.CommandLine.IExitCodeExceptionMapper;

/**
 * facesearch's exit codes: 0 success, 1 error, 2 no face in a photo (a normal outcome for
 * scripts) or a usage error (Picocli's convention).
 */
final class ExitCodes implements IExitCodeExceptionMapper {
  static final int ERROR = 1;
  static final int NO_FACE = 2;
  static final int USAGE = 2;

  @Override
  public int getExitCode(Throwable exception) {
    if (exception instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    return exception instanceof NoFaceException ? NO_FACE : ERROR;
  }
}
