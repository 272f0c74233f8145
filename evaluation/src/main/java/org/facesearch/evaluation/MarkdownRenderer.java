package org.facesearch.evaluation;

import java.util.List;
import org.facesearch.evaluation.ReportDocument.Block;
import org.facesearch.evaluation.ReportDocument.Figure;
import org.facesearch.evaluation.ReportDocument.Heading;
import org.facesearch.evaluation.ReportDocument.Paragraph;
import org.facesearch.evaluation.ReportDocument.Table;

/** {@link ReportDocument} as GitHub-flavoured Markdown; figures are relative image links. */
final class MarkdownRenderer {
  private MarkdownRenderer() {}

  static String render(ReportDocument document) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(escape(document.title())).append("\n\n");
    for (Block block : document.blocks()) {
      switch (block) {
        case Heading h -> out.append("## ").append(escape(h.text())).append("\n\n");
        case Paragraph p -> out.append(escape(p.text())).append("\n\n");
        case Table t -> {
          row(out, t.header());
          out.append('|');
          t.header().forEach(cell -> out.append(" --- |"));
          out.append('\n');
          t.rows().forEach(cells -> row(out, cells));
          out.append('\n');
        }
        case Figure f ->
            out.append("![")
                .append(escape(f.caption()))
                .append("](")
                .append(f.file())
                .append(")\n\n")
                .append('*')
                .append(escape(f.caption()))
                .append("*\n\n");
      }
    }
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append('|');
    for (String cell : cells) {
      out.append(' ').append(escape(cell).replace("|", "\\|")).append(" |");
    }
    out.append('\n');
  }

  /** Characters Markdown would read as formatting. */
  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if ("\\`*_[]<>#".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
