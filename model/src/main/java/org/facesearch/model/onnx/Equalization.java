package org.facesearch.model.onnx;

import java.util.Locale;

/**
 * Whether an int8 export first balances each residual branch's inner channels ({@link
 * ConvWeights#equalize}). Balancing changes no fp32 output, only what 8 bits lose: on the revived
 * seventh-stage student (the default since) it cut the int8 network's mean cosine error to fp32 by
 * half (0.99661 to 0.99834 on View 1's 4,992 faces); on the sixth stage it added a little (0.99864
 * to 0.99831), so {@code models quantize} measures both and keeps the closer.
 */
public enum Equalization {
  NONE,
  CROSS_LAYER;

  /** As {@code int8.json} writes it: {@code none}, {@code cross-layer}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @throws IllegalArgumentException naming the ones there are
   */
  public static Equalization fromId(String id) {
    for (Equalization e : values()) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown equalization '" + id + "' (none or cross-layer)");
  }
}
