package org.facesearch.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import org.facesearch.model.verify.Calibration;

/** The Status page: the model and the index being served, from {@link StatusReport}. */
final class StatusPage {
  private final LiveGallery gallery;

  StatusPage(LiveGallery gallery) {
    this.gallery = gallery;
  }

  void status(Context ctx) {
    StatusReport report = StatusReport.of(gallery);
    StringBuilder body = new StringBuilder("<h1>Status</h1>");
    if (report.problem() != null) {
      body.append("<div class=\"message warn\">")
          .append(Html.escape(report.problem()))
          .append("</div>");
    }
    body.append("<div class=\"status-grid\"><section class=\"card\"><h2>Model</h2>");
    if (report.model() == null) {
      body.append("<p>No model yet: it is taken from the index once one is built.</p>");
    } else {
      StatusReport.ModelInfo model = report.model();
      body.append("<dl>")
          .append(row("Model id", model.id()))
          .append(row("Loaded from", model.source()))
          .append(row("Computed in", model.inference()))
          .append(
              row(
                  "Verification threshold",
                  model.threshold() == null
                      ? "none (closed-set search only)"
                      : format(model.threshold())
                          + (model.metrics().containsKey(Calibration.SLOPE_METRIC)
                              ? " cosine similarity = 50 % probability of the same person"
                              : " cosine similarity")));
      for (Map.Entry<String, Double> metric : model.metrics().entrySet()) {
        body.append(
            row(
                MetricLabels.label(metric.getKey()),
                MetricLabels.value(metric.getKey(), metric.getValue())));
      }
      body.append("</dl>");
    }
    body.append("</section><section class=\"card\"><h2>Index</h2>");
    if (report.index() == null) {
      body.append(
          "<p>No index yet. Build one with <code>facesearch index</code>; the server picks it up"
              + " without a restart.</p>");
    } else {
      StatusReport.IndexInfo index = report.index();
      body.append("<dl>")
          .append(row("Serving build", index.build()))
          .append(row("Images", String.format(Locale.ROOT, "%,d", index.images())))
          .append(row("People", String.format(Locale.ROOT, "%,d", index.identities())))
          .append(row("Built at", index.createdAt()))
          .append(row("Build time", String.format(Locale.ROOT, "%.1f s", index.buildSeconds())))
          .append(row("Built with model", index.modelId() + " (" + index.modelSource() + ")"))
          .append("</dl>");
    }
    body.append("</section></div>");
    ctx.html(Layout.page("Status", Layout.Tab.STATUS, body.toString()));
  }

  private static String row(String key, String value) {
    return "<dt>" + Html.escape(key) + "</dt><dd>" + Html.escape(value) + "</dd>";
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
