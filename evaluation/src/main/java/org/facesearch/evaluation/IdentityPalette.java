package org.facesearch.evaluation;

import java.awt.Color;
import java.util.List;

/**
 * One colour per person, the same in every plot of a report, so a face's colour on the thumbnail
 * map matches its dot in the scatter plots. Twelve strong colours, then eight paler ones; beyond
 * twenty people they repeat (the min-50 subset has twelve).
 */
final class IdentityPalette {
  private static final int[] RGB = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22,
    0x17becf, 0x000000, 0xb8860b, 0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94,
    0xf7b6d2, 0x9edae5
  };

  private final List<String> identities;

  IdentityPalette(List<String> identities) {
    this.identities = List.copyOf(identities);
  }

  List<String> identities() {
    return identities;
  }

  Color colorOf(String identity) {
    int index = identities.indexOf(identity);
    if (index < 0) {
      throw new IllegalArgumentException(
          identity + " is not one of the " + identities.size() + " people plotted");
    }
    return new Color(RGB[index % RGB.length]);
  }

  /**
   * LFW's folder names with spaces, for legends: {@code George_W_Bush} -> {@code George W Bush}.
   */
  static String displayName(String identity) {
    return identity.replace('_', ' ');
  }
}
