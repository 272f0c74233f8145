package org.facesearch.trainer.objective;

import java.util.Locale;

/** Where a margin-softmax loss puts its margin on the target class's logit. */
public enum MarginKind {
  /** CosFace (Wang et al. 2018): {@code s (cos theta - m)}. */
  COSFACE,
  /**
   * ArcFace (Deng et al. 2019): {@code s cos(theta + m)}, with the usual fallback near theta = pi.
   */
  ARCFACE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
