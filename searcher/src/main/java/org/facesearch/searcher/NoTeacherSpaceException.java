package org.facesearch.searcher;

/**
 * A gallery was to be embedded by a model's teacher ({@link ModelSource#teacherSpace}) and the
 * model cannot have one: not a distilled bundle, a teacher that is not built in, or no teacher
 * space made yet. The message says which, and the command that makes the space.
 */
public final class NoTeacherSpaceException extends RuntimeException {
  public NoTeacherSpaceException(String message) {
    super(message);
  }
}
