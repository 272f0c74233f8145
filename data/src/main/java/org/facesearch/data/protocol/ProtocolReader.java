package org.facesearch.data.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Walks a protocol file line by line, splitting on any whitespace (the real files use tabs) and
 * reporting malformed lines with file and line number. Trailing blank lines are allowed; blank
 * lines elsewhere are errors, since LFW's format has none.
 */
final class ProtocolReader {
  private final Path file;
  private final List<String> lines;
  private int next;

  private ProtocolReader(Path file, List<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  static ProtocolReader open(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.getFirst().startsWith("\uFEFF")) {
        lines.set(0, lines.getFirst().substring(1)); // a byte-order mark from a Windows editor
      }
      return new ProtocolReader(file, lines);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ProtocolFormatException(file, 1, "not a text file (invalid UTF-8)");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read protocol file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The next line's whitespace-separated fields, or fails saying what was {@code expected}. */
  String[] fields(String expected) {
    if (next >= lines.size()) {
      throw error(lines.size() + 1, "expected " + expected + ", but the file ends here");
    }
    String line = lines.get(next++);
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      throw error(next, "expected " + expected + ", got an empty line");
    }
    return trimmed.split("\\s+");
  }

  /** The next line's fields without consuming it; none for a blank line or the end of the file. */
  String[] peekFields() {
    if (next >= lines.size() || lines.get(next).isBlank()) {
      return new String[0];
    }
    return lines.get(next).strip().split("\\s+");
  }

  /** A count, a fold number or an image number: a positive integer at {@code fields[index]}. */
  int positive(String[] fields, int index, String what) {
    try {
      int value = Integer.parseInt(fields[index]);
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the line
    }
    throw error(next, "expected " + what + " (a positive integer), got '" + fields[index] + "'");
  }

  /** Fails unless {@code fields} has exactly {@code count} entries. */
  void expectFields(String[] fields, int count, String expected) {
    if (fields.length != count) {
      throw error(
          next,
          "expected "
              + expected
              + " ("
              + count
              + " fields), got '"
              + String.join(" ", fields)
              + "'");
    }
  }

  /** Fails if anything but blank lines follows. */
  void expectEnd(String after) {
    for (int i = next; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        throw error(
            i + 1,
            "expected the end of the file after " + after + ", got '" + lines.get(i).strip() + "'");
      }
    }
  }

  /** 1-based number of the line last read. */
  int lineNumber() {
    return next;
  }

  ProtocolFormatException error(int line, String problem) {
    return new ProtocolFormatException(file, line, problem);
  }
}
