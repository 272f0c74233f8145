package org.facesearch.web;

/** Escaping for text placed in HTML, so names and messages can never inject markup. */
final class Html {
  private Html() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** An LFW-style name for people to read: {@code George_W_Bush} as "George W Bush". */
  static String displayName(String identity) {
    return escape(identity.replace('_', ' '));
  }
}
