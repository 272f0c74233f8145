package org.facesearch.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * A report as a sequence of blocks, written once and rendered twice (Markdown and HTML) so the two
 * files always say the same thing. Text is plain; renderers escape it.
 */
public record ReportDocument(String title, List<Block> blocks) {
  public ReportDocument {
    Objects.requireNonNull(title, "title");
    blocks = List.copyOf(blocks);
  }

  /** A piece of a report. */
  public sealed interface Block permits Heading, Paragraph, Table, Figure {}

  /** A section title. */
  public record Heading(String text) implements Block {}

  /** Running text. */
  public record Paragraph(String text) implements Block {}

  /** A table; every row has as many cells as the header. */
  public record Table(List<String> header, List<List<String>> rows) implements Block {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<String> row : rows) {
        if (row.size() != header.size()) {
          throw new IllegalArgumentException(
              "a row has " + row.size() + " cells for " + header.size() + " columns: " + row);
        }
      }
    }
  }

  /** An image beside the report, by file name, with a caption. */
  public record Figure(String file, String caption) implements Block {}
}
