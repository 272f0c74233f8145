package org.facesearch.model.engine;

/** The PyTorch engine cannot start as asked: a bad libtorch folder, no GPU for {@code gpu}, ... */
public final class EngineSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineSetupException(String message) {
    super(message);
  }

  public EngineSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
