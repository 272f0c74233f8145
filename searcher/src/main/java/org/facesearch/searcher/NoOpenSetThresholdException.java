package org.facesearch.searcher;

import java.util.Optional;

/**
 * An open-set search that cannot call a face unknown: no threshold was given, the model has none,
 * and the serving build's look-alike calibration gives none. {@link #reason()} says why the build
 * gives none (empty when its calibration is sound but its probability does not rise with the
 * score), so a front end can say how to get one in its own words.
 */
public final class NoOpenSetThresholdException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final Identification.Reason reason;

  public NoOpenSetThresholdException(String message, Optional<Identification.Reason> reason) {
    super(message);
    this.reason = reason.orElse(null);
  }

  /** Why the build has no look-alike calibration to decide with; empty when it has one. */
  public Optional<Identification.Reason> reason() {
    return Optional.ofNullable(reason);
  }
}
