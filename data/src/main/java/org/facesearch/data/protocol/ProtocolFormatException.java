package org.facesearch.data.protocol;

import java.nio.file.Path;

/**
 * A protocol file does not follow LFW's format; the message reads {@code file:line: what was
 * expected, got what}.
 */
public final class ProtocolFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;

  public ProtocolFormatException(Path file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  /** 1-based line number. */
  public int line() {
    return line;
  }
}
