package org.facesearch.evaluation;

/** The report folder cannot be written where asked; the message says where and why. */
public final class ReportWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReportWriteException(String message) {
    super(message);
  }

  public ReportWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
