package org.facesearch.trainer.distill;

/** A teacher-embeddings file that is damaged, of another teacher, or not one at all. */
public final class InvalidTeacherEmbeddingsException extends RuntimeException {
  public InvalidTeacherEmbeddingsException(String message) {
    super(message);
  }

  public InvalidTeacherEmbeddingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
