package org.facesearch.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.facesearch.model.verify.RocPoint;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The ROC curve of View 2's pooled pairs, with a linear or a logarithmic false-accept axis. */
final class RocChart {
  private RocChart() {}

  /**
   * Writes the curve. On the log axis, points at FAR 0 cannot be drawn; the axis starts at the
   * smallest non-zero FAR, one false accept.
   */
  static void write(List<RocPoint> roc, double auc, boolean logFar, Path png) {
    String title =
        String.format(Locale.ROOT, "ROC on pairs.txt (AUC %.4f)%s", auc, logFar ? ", log FAR" : "");
    XYChart chart = ChartFiles.newChart(title, "false accept rate", "true accept rate");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    List<RocPoint> drawn =
        logFar ? roc.stream().filter(p -> p.falsePositiveRate() > 0).toList() : roc;
    double[] far = drawn.stream().mapToDouble(RocPoint::falsePositiveRate).toArray();
    double[] tar = drawn.stream().mapToDouble(RocPoint::truePositiveRate).toArray();
    XYSeries curve = chart.addSeries("model", far, tar);
    curve.setMarker(SeriesMarkers.NONE);
    curve.setLineColor(new Color(0x1f77b4));
    curve.setLineWidth(2.5f);
    double[] diagonal = logFar ? logSpaced(far[0], 1, 60) : new double[] {0, 1};
    XYSeries chance = chart.addSeries("chance", diagonal, diagonal);
    chance.setMarker(SeriesMarkers.NONE);
    chance.setLineColor(Color.GRAY);
    chance.setLineStyle(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
    if (logFar) {
      chart.getStyler().setXAxisLogarithmic(true);
      chart.getStyler().setXAxisMin(far[0]);
      chart.getStyler().setXAxisMax(1.0);
    } else {
      chart.getStyler().setXAxisMin(0.0);
      chart.getStyler().setXAxisMax(1.0);
    }
    ChartFiles.writePng(chart, png);
  }

  /** TAR = FAR is a curve on a log axis, so the chance line needs many points. */
  private static double[] logSpaced(double from, double to, int count) {
    double[] values = new double[count];
    double step = Math.log(to / from) / (count - 1);
    for (int i = 0; i < count; i++) {
      values[i] = from * Math.exp(step * i);
    }
    return values;
  }
}
