package org.facesearch.evaluation;

import org.facesearch.evaluation.ReportDocument.Block;
import org.facesearch.evaluation.ReportDocument.Figure;
import org.facesearch.evaluation.ReportDocument.Heading;
import org.facesearch.evaluation.ReportDocument.Paragraph;
import org.facesearch.evaluation.ReportDocument.Table;

/** {@link ReportDocument} as one self-contained HTML page showing the figures inline. */
final class HtmlRenderer {
  private static final String STYLE =
      "body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
          + "table{border-collapse:collapse;margin:1em 0}"
          + "th,td{border:1px solid #ccc;padding:4px 10px;text-align:left}th{background:#f3f3f3}"
          + "figure{margin:1.5em 0}img{max-width:100%;border:1px solid #ddd}"
          + "figcaption{color:#555;font-style:italic}";

  private HtmlRenderer() {}

  static String render(ReportDocument document) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(document.title()))
        .append("</title>\n<style>")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(document.title()))
        .append("</h1>\n");
    for (Block block : document.blocks()) {
      switch (block) {
        case Heading h -> out.append("<h2>").append(escape(h.text())).append("</h2>\n");
        case Paragraph p -> out.append("<p>").append(escape(p.text())).append("</p>\n");
        case Table t -> {
          out.append("<table>\n<tr>");
          t.header().forEach(cell -> out.append("<th>").append(escape(cell)).append("</th>"));
          out.append("</tr>\n");
          for (var row : t.rows()) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
            out.append("</tr>\n");
          }
          out.append("</table>\n");
        }
        case Figure f ->
            out.append("<figure><img src=\"")
                .append(escape(f.file()))
                .append("\" alt=\"")
                .append(escape(f.caption()))
                .append("\"><figcaption>")
                .append(escape(f.caption()))
                .append("</figcaption></figure>\n");
      }
    }
    return out.append("</body>\n</html>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
