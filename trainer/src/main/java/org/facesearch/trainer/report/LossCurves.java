package org.facesearch.trainer.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.facesearch.trainer.run.CurvePoint;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * A run's learning curves: {@value #CSV} (one row per validation), {@value #PNG} (losses against
 * steps, linear y) and {@value #LOG_PNG} (the same, log y). Each file is replaced atomically.
 */
public final class LossCurves {
  public static final String CSV = "curves.csv";
  public static final String PNG = "loss.png";
  public static final String LOG_PNG = "loss-log.png";

  private static final String HEADER =
      "step,epoch,train_loss,validation_loss,validation_accuracy,seconds";

  private LossCurves() {}

  public static void write(Path runDir, String title, List<CurvePoint> points) throws IOException {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (CurvePoint p : points) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%.4f,%.6f,%.6f,%.4f,%.1f%n",
              p.step(),
              p.epoch(),
              p.trainLoss(),
              p.validationLoss(),
              p.validationAccuracy(),
              p.seconds()));
    }
    replace(runDir.resolve(CSV), temp -> Files.writeString(temp, csv, StandardCharsets.UTF_8));
    if (points.isEmpty()) {
      return;
    }
    replace(runDir.resolve(PNG), temp -> save(chart(title, points, false), temp));
    replace(
        runDir.resolve(LOG_PNG), temp -> save(chart(title + " (log scale)", points, true), temp));
  }

  private static XYChart chart(String title, List<CurvePoint> points, boolean log) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(540)
            .title(title)
            .xAxisTitle("step")
            .yAxisTitle("loss")
            .build();
    double[] steps = points.stream().mapToDouble(CurvePoint::step).toArray();
    // A log axis cannot show 0 (e.g. a triplet loss with every margin met): floor it.
    double floor = log ? 1e-6 : Double.NEGATIVE_INFINITY;
    double[] train = points.stream().mapToDouble(p -> Math.max(floor, p.trainLoss())).toArray();
    double[] validation =
        points.stream().mapToDouble(p -> Math.max(floor, p.validationLoss())).toArray();
    chart.getStyler().setYAxisLogarithmic(log);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.addSeries("training loss", steps, train);
    chart.addSeries("validation loss", steps, validation);
    return chart;
  }

  private static void save(XYChart chart, Path file) throws IOException {
    Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
  }

  private interface Writer {
    void write(Path temp) throws IOException;
  }

  private static void replace(Path target, Writer writer) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try {
      writer.write(temp);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
