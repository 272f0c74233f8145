package org.facesearch.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.facesearch.model.verify.ReliabilityBin;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Reliability diagram: observed share of same-person pairs against the predicted probability. */
final class ReliabilityChart {
  private ReliabilityChart() {}

  static void write(List<ReliabilityBin> bins, Path png) {
    XYChart chart =
        ChartFiles.newChart(
            "Calibration on pairsDevTest (fitted on pairsDevTrain)",
            "predicted probability of the same person",
            "observed share of same-person pairs");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    XYSeries ideal =
        chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
    ideal.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    ideal.setMarker(SeriesMarkers.NONE);
    ideal.setLineColor(Color.GRAY);
    ideal.setLineStyle(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 5}, 0));
    int pairs = bins.stream().mapToInt(ReliabilityBin::pairs).sum();
    XYSeries model =
        chart.addSeries(
            "model (" + pairs + " pairs in " + bins.size() + " bins of predicted probability)",
            bins.stream().mapToDouble(ReliabilityBin::predicted).toArray(),
            bins.stream().mapToDouble(ReliabilityBin::observed).toArray());
    model.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    model.setMarker(SeriesMarkers.CIRCLE);
    model.setLineColor(new Color(0x1f77b4));
    model.setMarkerColor(new Color(0x1f77b4));
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(1.0);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    ChartFiles.writePng(chart, png);
  }
}
