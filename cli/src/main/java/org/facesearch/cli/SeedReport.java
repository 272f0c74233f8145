package org.facesearch.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.facesearch.evaluation.EvaluationReport;
import org.facesearch.trainer.report.LossCurves;

/**
 * Writes {@code seed-experiments.md}: per section a table of the finished runs, then each run's
 * command and pictures, which are copied (shrunk) into a folder beside the markdown named after it,
 * with a CSV of the same figures. The conclusions are a person's: the text between {@value
 * #HAND_BEGIN} and {@value #HAND_END} is kept from the file being replaced.
 */
final class SeedReport {
  static final String HAND_BEGIN = "<!-- written by hand: begin -->";
  static final String HAND_END = "<!-- written by hand: end -->";
  static final String CSV = "results.csv";

  /** Pictures wider than this are shrunk to it: the report's PNGs stay small in the repository. */
  private static final int MAX_WIDTH = 560;

  private SeedReport() {}

  /**
   * Writes the report to {@code markdown} and its pictures and CSV to the folder beside it.
   *
   * @return the markdown written
   */
  static String write(
      Path markdown,
      ExperimentSchedule schedule,
      String reproduce,
      List<SeedExperimentRunner.Outcome> outcomes) {
    Path figures = figuresFolder(markdown);
    try {
      Files.createDirectories(figures);
      String hand = handWritten(markdown);
      StringBuilder md = new StringBuilder();
      md.append("# The seeds' experiments, reproduced\n\n");
      md.append(banner(schedule, outcomes)).append('\n');
      md.append("Written by `")
          .append(reproduce)
          .append("`; running it again trains only what is")
          .append(
              " missing (a finished run is read back, an interrupted one resumes). Measured on a CPU")
          .append(
              String.format(
                  Locale.ROOT,
                  " (%d cores, load average %.1f when the report was written;",
                  Runtime.getRuntime().availableProcessors(),
                  ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
          .append(" wall times are this machine's, not a quiet one's).\n\n");
      md.append(HAND_BEGIN).append('\n').append(hand).append(HAND_END).append("\n\n");
      md.append(columns());
      Map<String, List<SeedExperimentRunner.Outcome>> bySection = new LinkedHashMap<>();
      outcomes.forEach(
          o -> bySection.computeIfAbsent(o.experiment().section(), k -> new ArrayList<>()).add(o));
      for (Map.Entry<String, List<SeedExperimentRunner.Outcome>> section : bySection.entrySet()) {
        md.append("## ").append(section.getKey()).append("\n\n");
        md.append(
                "| run | steps run (seed's schedule) | wall time | final train loss | final val. loss |")
            .append(
                " ARI embeddings | ARI raw pixels | kNN top-1 | validation acc. | View 1 acc. (pairs) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SeedExperimentRunner.Outcome o : section.getValue()) {
          md.append(row(o)).append('\n');
        }
        md.append('\n');
        for (SeedExperimentRunner.Outcome o : section.getValue()) {
          md.append(details(o, figures, markdown));
        }
      }
      writeText(figures.resolve(CSV), csv(outcomes));
      String text = md.toString();
      writeText(markdown, text);
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the report " + markdown + ": " + e.getMessage(), e);
    }
  }

  /** {@code docs/seed-experiments.md}'s pictures go to {@code docs/seed-experiments/}. */
  static Path figuresFolder(Path markdown) {
    String name = markdown.getFileName().toString();
    return markdown.resolveSibling(
        name.endsWith(".md") ? name.substring(0, name.length() - 3) : name + ".files");
  }

  private static String banner(
      ExperimentSchedule schedule, List<SeedExperimentRunner.Outcome> outcomes) {
    StringBuilder b = new StringBuilder();
    if (schedule == ExperimentSchedule.QUICK) {
      b.append(
              "> **Quick schedule, not the seeds' own.** Every run below trained for a small fraction of")
          .append(
              " its seed schedule (each table says how many steps against the seed's 10,000 iterations")
          .append(
              " or 300 SimCLR epochs), with 200 validation pairs and View 1 on the first 200 pairs of")
          .append(
              " pairsDevTest. The numbers show that the pipeline runs end to end and where each setting")
          .append(
              " starts from, not what it converges to. The full schedule is the same command with")
          .append(" `--schedule full`, for a machine that can afford it.\n");
    } else if (schedule == ExperimentSchedule.MEDIUM) {
      b.append(
              "> **Medium schedule, not the seeds' own.** Every run below trained for a few hundred")
          .append(
              " steps or a few dozen epochs, a tenth or less of its seed schedule (each table says how")
          .append(
              " many steps against the seed's 10,000 iterations or 300 SimCLR epochs), and at most ")
          .append(ExperimentSchedule.MEDIUM_MINUTES)
          .append(
              " minutes (a run stopped by that limit says so); View 1 counts all 1,000 pairsDevTest")
          .append(
              " pairs. Long enough for the settings to separate, not for them to converge. The full")
          .append(
              " schedule is the same command with `--schedule full`, for a machine that can afford it.\n");
    } else {
      b.append(
              "> **Full schedule:** the seeds' 10,000 iterations or 300 SimCLR epochs per run, unless")
          .append(" a table says a run was stopped early.\n");
    }
    List<String> missing =
        outcomes.stream()
            .filter(o -> o.result().isEmpty())
            .map(o -> "`" + o.experiment().name() + "` (" + o.missing() + ")")
            .toList();
    if (!missing.isEmpty()) {
      b.append(">\n> **Not run yet:** ").append(String.join(", ", missing)).append(".\n");
    }
    return b.toString();
  }

  private static String columns() {
    return "Columns: *steps run* are optimiser steps (and passes over the training photos); *ARI* is the"
        + " adjusted Rand index of k-means (k = number of people) on the seed subset's test photos (people"
        + " with 50+ photos, 20% of each one's photos, seed 42), for the model's embeddings and for the raw"
        + " 64x64 colour pixels of the same photos; *kNN top-1* identifies each test photo by its nearest"
        + " train photo (cosine); *validation acc.* is same/different accuracy on held-out training photos;"
        + " *View 1* is pairsDevTest accuracy at the threshold chosen on pairsDevTrain (for seed-protocol"
        + " runs some pairsDevTest people were trained on, so it is only indicative there). Seed-protocol"
        + " runs train on that split's train photos only, so the clustered test photos were never seen.\n\n";
  }

  private static String row(SeedExperimentRunner.Outcome o) {
    String seed = o.experiment().seedSchedule();
    if (o.result().isEmpty()) {
      return "| "
          + o.experiment().name()
          + " | "
          + o.missing()
          + " ("
          + seed
          + ") | | | | | | | | |";
    }
    ExperimentResult r = o.result().get();
    return String.format(
        Locale.ROOT,
        "| %s | %d%s, %.2f epochs (%s) | %s | %.4f | %.4f | %.3f | %.3f | %.1f%% | %.1f%% | %.1f%% (%d) |",
        o.experiment().name(),
        r.steps(),
        r.stoppedByTimeLimit() ? " (time limit)" : "",
        r.epochs(),
        seed,
        duration(r.seconds()),
        r.finalTrainLoss(),
        r.finalValidationLoss(),
        r.ari(),
        r.pixelAri(),
        100 * r.knnTop1(),
        100 * r.validationAccuracy(),
        100 * r.view1Accuracy(),
        r.view1Pairs());
  }

  private static String details(SeedExperimentRunner.Outcome o, Path figures, Path markdown)
      throws IOException {
    if (o.result().isEmpty()) {
      return "";
    }
    String name = o.experiment().name();
    StringBuilder md = new StringBuilder("### ").append(name).append("\n\n");
    md.append("`").append(o.result().get().command()).append("`\n\n");
    List<String> shown = new ArrayList<>();
    for (Map.Entry<String, Path> picture : pictures(o.runDir()).entrySet()) {
      Optional<Path> copied =
          copyShrunk(picture.getValue(), figures.resolve(name + "-" + picture.getKey()));
      copied.ifPresent(
          p ->
              shown.add(
                  "!["
                      + name
                      + " "
                      + picture.getKey().replace(".png", "")
                      + "]("
                      + markdown
                          .toAbsolutePath()
                          .getParent()
                          .relativize(p.toAbsolutePath())
                          .toString()
                          .replace('\\', '/')
                      + ")"));
    }
    md.append(String.join(" ", shown)).append("\n\n");
    return md.toString();
  }

  /** The run's pictures by the suffix they get in the report folder. */
  private static Map<String, Path> pictures(Path runDir) {
    Map<String, Path> p = new LinkedHashMap<>();
    p.put("loss.png", runDir.resolve(LossCurves.PNG));
    p.put("loss-log.png", runDir.resolve(LossCurves.LOG_PNG));
    p.put("pca.png", runDir.resolve(SeedExperimentRunner.MAPS).resolve(EvaluationReport.PCA));
    p.put(
        "tsne-faces.png",
        runDir.resolve(SeedExperimentRunner.MAPS).resolve(EvaluationReport.TSNE_FACES));
    return p;
  }

  private static Optional<Path> copyShrunk(Path from, Path to) throws IOException {
    if (!Files.isRegularFile(from)) {
      return Optional.empty();
    }
    BufferedImage image = ImageIO.read(from.toFile());
    if (image == null) {
      throw new IOException(from + " is not a readable image");
    }
    if (image.getWidth() > MAX_WIDTH) {
      int height = (int) Math.round(image.getHeight() * (MAX_WIDTH / (double) image.getWidth()));
      BufferedImage small = new BufferedImage(MAX_WIDTH, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = small.createGraphics();
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.drawImage(image, 0, 0, MAX_WIDTH, height, null);
      g.dispose();
      image = small;
    }
    Path temp = to.resolveSibling("." + to.getFileName() + ".tmp");
    ImageIO.write(image, "png", temp.toFile());
    Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return Optional.of(to);
  }

  private static String csv(List<SeedExperimentRunner.Outcome> outcomes) {
    StringBuilder csv =
        new StringBuilder(
            "run,section,steps,epochs,seed_schedule,stopped_by_time_limit,seconds,final_train_loss,final_validation_loss,"
                + "ari_embeddings,ari_pixels,knn_top1,validation_accuracy,view1_accuracy,view1_pairs\n");
    for (SeedExperimentRunner.Outcome o : outcomes) {
      if (o.result().isEmpty()) {
        continue;
      }
      ExperimentResult r = o.result().get();
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,\"%s\",%d,%.4f,\"%s\",%s,%.1f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%d%n",
              o.experiment().name(),
              o.experiment().section(),
              r.steps(),
              r.epochs(),
              o.experiment().seedSchedule(),
              r.stoppedByTimeLimit(),
              r.seconds(),
              r.finalTrainLoss(),
              r.finalValidationLoss(),
              r.ari(),
              r.pixelAri(),
              r.knnTop1(),
              r.validationAccuracy(),
              r.view1Accuracy(),
              r.view1Pairs()));
    }
    return csv.toString();
  }

  /** The person's text from the report being replaced, or a reminder that it is still to write. */
  private static String handWritten(Path markdown) throws IOException {
    if (Files.isRegularFile(markdown)) {
      String old = Files.readString(markdown, StandardCharsets.UTF_8);
      int begin = old.indexOf(HAND_BEGIN);
      int end = old.indexOf(HAND_END);
      if (begin >= 0 && end > begin) {
        return old.substring(begin + HAND_BEGIN.length() + 1, end);
      }
    }
    return "*Which setting is best, and why: to be written by a person from the numbers below.*\n";
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, s / 60 % 60)
        : String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
  }

  private static void writeText(Path target, String text) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
