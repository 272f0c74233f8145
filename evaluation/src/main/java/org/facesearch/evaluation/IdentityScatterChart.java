package org.facesearch.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A 2-D map of faces, one coloured series per person with the names in the legend. */
final class IdentityScatterChart {
  private IdentityScatterChart() {}

  static void write(
      String title,
      String axis,
      EmbeddedFaces faces,
      double[][] xy,
      IdentityPalette palette,
      Path png) {
    XYChart chart = ChartFiles.newChart(title, axis + " 1", axis + " 2");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(7);
    for (String identity : palette.identities()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int i = 0; i < faces.size(); i++) {
        if (faces.image(i).identity().equals(identity)) {
          x.add(xy[i][0]);
          y.add(xy[i][1]);
        }
      }
      if (x.isEmpty()) {
        continue;
      }
      XYSeries series =
          chart.addSeries(IdentityPalette.displayName(identity) + " (" + x.size() + ")", x, y);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(palette.colorOf(identity));
    }
    ChartFiles.writePng(chart, png);
  }
}
