package org.facesearch.indexer;

import java.util.regex.Pattern;

/**
 * A person's name as used for folders and file names: letters, digits, {@code _} and {@code -},
 * like LFW's {@code Aaron_Eckhart}. Anything else (spaces, dots, slashes) is refused, so a name can
 * never point outside its folder.
 */
public record PersonName(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  public PersonName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid person name '"
              + value
              + "': use 1 to 100 letters, digits, '_' or '-' (e.g. Ada_Lovelace)");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
