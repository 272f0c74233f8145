package org.facesearch.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** How similar same-person and different-person pairs score, with the decision threshold marked. */
final class ScoreHistogramChart {
  static final int BINS = 50;

  private ScoreHistogramChart() {}

  static void write(List<ScoredFacePair> pairs, double threshold, String thresholdLabel, Path png) {
    double low =
        Math.min(threshold, pairs.stream().mapToDouble(ScoredFacePair::score).min().orElseThrow());
    double high =
        Math.max(threshold, pairs.stream().mapToDouble(ScoredFacePair::score).max().orElseThrow());
    double width = (high - low) / BINS;
    if (width == 0) {
      width = 1e-6; // every score equal: one visible bar rather than a division by zero
    }
    int[] matched = new int[BINS];
    int[] mismatched = new int[BINS];
    for (ScoredFacePair pair : pairs) {
      int bin = Math.min(BINS - 1, (int) ((pair.score() - low) / width));
      (pair.pair().same() ? matched : mismatched)[bin]++;
    }
    XYChart chart =
        ChartFiles.newChart("Similarity of pairs.txt pairs", "cosine similarity", "pairs");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    addSteps(
        chart,
        "same person (" + count(pairs, true) + ")",
        matched,
        low,
        width,
        new Color(0x2ca02c));
    addSteps(
        chart,
        "different people (" + count(pairs, false) + ")",
        mismatched,
        low,
        width,
        new Color(0xd62728));
    int top = 0;
    for (int b = 0; b < BINS; b++) {
      top = Math.max(top, Math.max(matched[b], mismatched[b]));
    }
    XYSeries line =
        chart.addSeries(
            String.format(Locale.ROOT, "threshold %.4f (%s)", threshold, thresholdLabel),
            new double[] {threshold, threshold},
            new double[] {0, top * 1.05});
    line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(Color.BLACK);
    line.setLineStyle(
        new BasicStroke(
            2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 5}, 0));
    chart.getStyler().setYAxisMin(0.0);
    ChartFiles.writePng(chart, png);
  }

  /** A histogram outline: up at the first edge, across each bin, down at the last edge. */
  private static void addSteps(
      XYChart chart, String name, int[] counts, double low, double width, Color color) {
    double[] x = new double[counts.length + 2];
    double[] y = new double[counts.length + 2];
    x[0] = low;
    for (int b = 0; b < counts.length; b++) {
      x[b + 1] = low + b * width;
      y[b + 1] = counts[b];
    }
    x[counts.length + 1] = low + counts.length * width;
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
  }

  private static long count(List<ScoredFacePair> pairs, boolean same) {
    return pairs.stream().filter(p -> p.pair().same() == same).count();
  }
}
