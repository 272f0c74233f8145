package org.facesearch.trainer.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.run.RunPlan;
import org.facesearch.trainer.run.TrainingResult;
import org.facesearch.trainer.run.TrainingRun;

/**
 * Trains one model per setting, each in its own run folder {@code <sweep>/margin-M_temperature-T}
 * with its bundle in {@code model/}, then writes {@value #MARKDOWN} and {@value #CSV} comparing
 * them. A setting whose run folder already holds a finished bundle is not trained again, so an
 * interrupted sweep can simply be started again.
 */
public final class Sweep {
  public static final String MARKDOWN = "sweep.md";
  public static final String CSV = "sweep.csv";

  private Sweep() {}

  /** One row of the table. */
  public record Row(
      float margin,
      float temperature,
      double validationAccuracy,
      double view1Accuracy,
      double threshold,
      double finalTrainLoss,
      double finalValidationLoss,
      long steps,
      double seconds,
      String modelId) {}

  /** The table, as written. */
  public record Report(List<Row> rows, String markdown) {}

  public static Report run(List<TrainConfig> configs, RunPlan base, Path sweepDir)
      throws IOException {
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one setting");
    }
    Files.createDirectories(sweepDir);
    List<Row> rows = new ArrayList<>();
    for (TrainConfig config : configs) {
      // Objectives without a margin or a temperature show NaN in those columns.
      float margin = config.find(Settings.MARGIN).orElse(Float.NaN);
      float temperature = config.find(Settings.TEMPERATURE).orElse(Float.NaN);
      String name = String.format(Locale.ROOT, "margin-%s_temperature-%s", margin, temperature);
      Path runDir = sweepDir.resolve(name);
      Path bundle = runDir.resolve("model");
      base.log().printf("%n=== sweep %s (%d of %d) ===%n", name, rows.size() + 1, configs.size());
      TrainingResult result;
      if (Files.isDirectory(bundle)) {
        result = Finished.read(bundle);
      } else {
        result = TrainingRun.run(config, base.withRunDir(runDir, bundle));
        if (!result.completed()) {
          throw new IllegalStateException(
              "sweep stopped during " + name + "; start it again to continue");
        }
      }
      rows.add(
          new Row(
              margin,
              temperature,
              metric(result, "validationAccuracy"),
              metric(result, "view1Accuracy"),
              metric(result, "threshold"),
              metric(result, "finalTrainLoss"),
              metric(result, "finalValidationLoss"),
              result.steps(),
              result.seconds(),
              result.modelId().orElse("")));
    }
    String markdown = markdown(configs.getFirst(), rows);
    write(sweepDir.resolve(MARKDOWN), markdown);
    write(sweepDir.resolve(CSV), csv(rows));
    return new Report(rows, markdown);
  }

  private static double metric(TrainingResult result, String name) {
    Double value = result.metrics().get(name);
    return value == null ? Double.NaN : value;
  }

  private static String markdown(TrainConfig first, List<Row> rows) {
    StringBuilder md = new StringBuilder();
    md.append("# Sweep: ")
        .append(first.objective().id())
        .append(' ')
        .append(first.architecture().id())
        .append("\n\n");
    md.append(
        "| margin | temperature | validation acc. | view-1 acc. | threshold | final train loss | final val. loss | steps | seconds | model |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row r : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %d | %.0f | %s |%n",
              r.margin(),
              r.temperature(),
              r.validationAccuracy(),
              r.view1Accuracy(),
              r.threshold(),
              r.finalTrainLoss(),
              r.finalValidationLoss(),
              r.steps(),
              r.seconds(),
              r.modelId()));
    }
    md.append("\nTraining photos: ")
        .append(first.people().recorded())
        .append(". Validation accuracy:")
        .append(
            first.people() == TrainingPeople.SEED
                ? " held-out training photos of the seed subset's people."
                : " held-out peopleDevTrain people.")
        .append(" View-1: threshold chosen on pairsDevTrain, accuracy on pairsDevTest.\n");
    return md.toString();
  }

  private static String csv(List<Row> rows) {
    StringBuilder csv =
        new StringBuilder(
            "margin,temperature,validation_accuracy,view1_accuracy,threshold,final_train_loss,final_validation_loss,steps,seconds,model_id\n");
    for (Row r : rows) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%.6f,%.6f,%.6f,%.6f,%.6f,%d,%.1f,%s%n",
              r.margin(),
              r.temperature(),
              r.validationAccuracy(),
              r.view1Accuracy(),
              r.threshold(),
              r.finalTrainLoss(),
              r.finalValidationLoss(),
              r.steps(),
              r.seconds(),
              r.modelId()));
    }
    return csv.toString();
  }

  private static void write(Path target, String text) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
