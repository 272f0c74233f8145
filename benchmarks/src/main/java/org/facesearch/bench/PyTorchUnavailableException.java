package org.facesearch.bench;

/** PyTorch's side of a comparison cannot run here; the message says what to install. */
public final class PyTorchUnavailableException extends RuntimeException {
  public PyTorchUnavailableException(String message) {
    super(message);
  }
}
