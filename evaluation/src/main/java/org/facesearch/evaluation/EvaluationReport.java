package org.facesearch.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.facesearch.evaluation.ReportDocument.Block;
import org.facesearch.evaluation.ReportDocument.Figure;
import org.facesearch.evaluation.ReportDocument.Heading;
import org.facesearch.evaluation.ReportDocument.Paragraph;
import org.facesearch.evaluation.ReportDocument.Table;
import org.facesearch.model.verify.ReliabilityBin;

/**
 * The report folder of an evaluation: the plots as PNG, {@code report.md}, and an {@code
 * index.html} showing the same with the plots inline. Written atomically.
 */
public final class EvaluationReport {
  public static final String ROC = "roc.png";
  public static final String ROC_LOG = "roc-log-far.png";
  public static final String SCORES = "scores.png";
  public static final String RELIABILITY = "reliability.png";
  public static final String PCA = "pca.png";
  public static final String TSNE = "tsne.png";
  public static final String MISTAKES = "view1-mistakes.png";
  public static final String TSNE_FACES = "tsne-faces.png";
  public static final String MARKDOWN = ReportDirectory.MARKER;
  public static final String HTML = "index.html";

  private EvaluationReport() {}

  /**
   * Writes the report folder {@code target} (replacing an earlier report there).
   *
   * @return the absolute path of the folder
   */
  public static Path write(EvaluationResult result, Path target) {
    return ReportDirectory.write(target, folder -> fill(result, folder));
  }

  private static void fill(EvaluationResult result, Path folder) {
    View2 view2 = result.view2();
    Figures figures = result.figures();
    RocChart.write(view2.roc(), view2.auc(), false, folder.resolve(ROC));
    RocChart.write(view2.roc(), view2.auc(), true, folder.resolve(ROC_LOG));
    ScoreHistogramChart.write(
        figures.view2Pairs(),
        result.view1().threshold(),
        "chosen on pairsDevTrain",
        folder.resolve(SCORES));
    ReliabilityChart.write(result.view1().reliability(), folder.resolve(RELIABILITY));
    PairMistakesChart.write(
        result.modelId(),
        figures.view1Mistakes(),
        mistakes(result.view1()),
        result.view1().testPairs(),
        result.view1().threshold(),
        folder.resolve(MISTAKES));
    writeMaps(result.modelId(), result.subset(), figures, folder);
    ReportDocument document = document(result);
    writeText(folder.resolve(MARKDOWN), MarkdownRenderer.render(document));
    writeText(folder.resolve(HTML), HtmlRenderer.render(document));
  }

  /**
   * Draws the seed subset's maps into {@code folder}: {@value #PCA}, {@value #TSNE} and {@value
   * #TSNE_FACES} (the faces at their t-SNE positions).
   */
  public static void writeMaps(String model, SubsetResult result, Figures figures, Path folder) {
    IdentityPalette palette =
        new IdentityPalette(
            figures.subsetFaces().images().stream().map(i -> i.identity()).distinct().toList());
    String subset = "min-" + result.minFaces() + " subset";
    IdentityScatterChart.write(
        "PCA of " + model + " embeddings, " + subset,
        "principal component",
        figures.subsetFaces(),
        figures.pca(),
        palette,
        folder.resolve(PCA));
    IdentityScatterChart.write(
        "t-SNE of " + model + " embeddings, " + subset,
        "t-SNE",
        figures.subsetFaces(),
        figures.tsne(),
        palette,
        folder.resolve(TSNE));
    ThumbnailMap.write(
        "Faces at their t-SNE positions ("
            + model
            + ", "
            + subset
            + ", up to "
            + ThumbnailMap.PER_PERSON
            + " per person)",
        figures.subsetFaces(),
        figures.tsne(),
        figures.thumbnailRows(),
        figures.thumbnails(),
        palette,
        folder.resolve(TSNE_FACES));
  }

  /** What the report says, independent of its format. */
  static ReportDocument document(EvaluationResult r) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(
        new Paragraph(
            "Model: "
                + r.description()
                + ", computed in "
                + r.inference()
                + ". Embeddings of "
                + count(r.dimension())
                + " dimensions; similarity is"
                + " their cosine. Evaluated in "
                + String.format(Locale.ROOT, "%.0f", r.seconds())
                + " s with seed "
                + r.settings().seed()
                + "."));

    View1 v1 = r.view1();
    blocks.add(new Heading("LFW View 1"));
    blocks.add(
        new Paragraph(
            "The threshold is the most accurate one on pairsDevTrain.txt and is then applied"
                + " unchanged to the "
                + count(v1.testPairs())
                + " pairs of pairsDevTest.txt."));
    blocks.add(
        new Table(
            List.of("measure", "value"),
            List.of(
                List.of("accuracy on pairsDevTest", percent(v1.accuracy())),
                List.of("threshold (cosine)", number(v1.threshold())),
                List.of(
                    "accuracy on pairsDevTrain at that threshold", percent(v1.trainAccuracy())))));
    blocks.add(new Paragraph(overlapSentence("pairsDevTest.txt", r.view1Overlap())));
    blocks.add(
        new Paragraph(
            String.format(
                Locale.ROOT,
                "Scores as probabilities: Platt scaling fitted on pairsDevTrain gives P(same"
                    + " person) = 1 / (1 + exp(-(%.4f * cosine %+.4f)))%s. On pairsDevTest the"
                    + " predictions are off by %.1f percentage points on average (expected"
                    + " calibration error over %d bins):",
                v1.calibration().slope(),
                v1.calibration().intercept(),
                v1.calibration()
                    .evenOddsScore()
                    .map(s -> String.format(Locale.ROOT, ", 50 %% at cosine %.4f", s))
                    .orElse(""),
                100 * ReliabilityBin.expectedError(v1.reliability()),
                ReliabilityBin.BINS)));
    blocks.add(
        new Table(
            List.of("predicted", "pairs", "mean predicted", "observed same"),
            v1.reliability().stream()
                .map(
                    b ->
                        List.of(
                            String.format(Locale.ROOT, "%.1f–%.1f", b.low(), b.high()),
                            count(b.pairs()),
                            percent(b.predicted()),
                            percent(b.observed())))
                .toList()));
    blocks.add(
        new Figure(
            RELIABILITY,
            "Reliability diagram: predicted probability against the observed share of"
                + " same-person pairs on pairsDevTest"));

    int mistakes = mistakes(v1);
    List<PairMistake> shown = r.figures().view1Mistakes();
    long rejected = shown.stream().filter(PairMistake::falseReject).count();
    blocks.add(
        new Paragraph(
            "The "
                + count(mistakes)
                + " pairsDevTest pairs judged wrongly"
                + (shown.size() < mistakes
                    ? " (the " + shown.size() + " most confident drawn)"
                    : "")
                + ", each as the model saw its two faces: "
                + rejected
                + " of those drawn are one person scored below the threshold, "
                + (shown.size() - rejected)
                + " two people scored above it. A face cut badly (a missed or wrong alignment)"
                + " is a problem of the pipeline, not of the embedding."));
    blocks.add(
        new Figure(
            MISTAKES,
            "View 1's mistakes, most confident first: red frames one person rejected, blue two"
                + " people accepted"));

    View2 v2 = r.view2();
    blocks.add(new Heading("LFW View 2"));
    blocks.add(
        new Paragraph(
            "Ten-fold cross-validation on pairs.txt: each fold is judged with the threshold that is"
                + " most accurate on the other nine. Accuracy is the mean over folds with its"
                + " standard error (sample standard deviation / sqrt("
                + v2.folds().size()
                + ")). AUC, equal error"
                + " rate and true-accept rates pool all "
                + count(r.figures().view2Pairs().size())
                + " pairs."));
    List<List<String>> summary = new ArrayList<>();
    summary.add(List.of("accuracy", percent(v2.accuracy()) + " ± " + percent(v2.standardError())));
    summary.add(List.of("ROC AUC", number(v2.auc())));
    summary.add(List.of("equal error rate", percent(v2.equalErrorRate())));
    for (Map.Entry<Double, Double> tar : v2.tarAtFar().entrySet()) {
      summary.add(List.of("TAR at FAR " + farLabel(tar.getKey()), percent(tar.getValue())));
    }
    blocks.add(new Table(List.of("measure", "value"), summary));
    blocks.add(new Paragraph(overlapSentence("pairs.txt", r.view2Overlap())));
    blocks.add(
        new Table(
            List.of("fold", "threshold", "accuracy"),
            v2.folds().stream()
                .map(
                    f ->
                        List.of(
                            String.valueOf(f.fold() + 1),
                            number(f.threshold()),
                            percent(f.accuracy())))
                .toList()));
    blocks.add(new Figure(ROC, "ROC curve over all pairs.txt pairs"));
    blocks.add(new Figure(ROC_LOG, "The same ROC curve with a logarithmic false-accept axis"));
    blocks.add(
        new Figure(
            SCORES,
            "Similarity of same-person and different-person pairs in pairs.txt, with the View 1"
                + " threshold (chosen on pairsDevTrain) marked"));

    SubsetResult s = r.subset();
    blocks.add(new Heading("Clustering and identification (min-" + s.minFaces() + " subset)"));
    blocks.add(
        new Paragraph(
            "The "
                + s.people()
                + " people with at least "
                + s.minFaces()
                + " photos, split per person"
                + " (seed "
                + r.settings().seed()
                + ") into "
                + count(s.trainFaces())
                + " train and "
                + count(s.testFaces())
                + " test photos. k-means (k = "
                + s.embeddings().clusters()
                + ", best of "
                + r.settings().kMeansRestarts()
                + " seeded restarts) clusters the test photos; the adjusted Rand index compares the"
                + " clusters with the true people (1 = perfect, 0 = chance). Identification ranks"
                + " the people by their best-matching train photo for each test photo."));
    blocks.add(
        new Table(
            List.of("measure", "value"),
            List.of(
                List.of("ARI, model embeddings", number(s.embeddings().ari())),
                List.of("ARI, raw pixels (" + s.pixelModelId() + ")", number(s.pixels().ari())),
                List.of("identification top-1", percent(s.knn().top1())),
                List.of("identification top-5", percent(s.knn().top5())))));
    blocks.add(
        new Figure(PCA, "First two principal components of the subset's embeddings, by person"));
    blocks.add(new Figure(TSNE, "t-SNE map of the subset's embeddings, by person"));
    blocks.add(
        new Figure(
            TSNE_FACES,
            "The faces themselves at their t-SNE positions, framed in their person's colour"));
    return new ReportDocument("facesearch evaluation: " + r.modelId(), blocks);
  }

  /** How many pairsDevTest pairs were judged wrongly. */
  private static int mistakes(View1 v1) {
    return (int) Math.round((1 - v1.accuracy()) * v1.testPairs());
  }

  static String overlapSentence(String protocol, Optional<TrainingOverlap> overlap) {
    if (overlap.isEmpty()) {
      return "Training overlap: unknown. The model does not record which people it was trained on,"
          + " so some of "
          + protocol
          + "'s people may have been seen in training.";
    }
    TrainingOverlap o = overlap.get();
    if (o.clean()) {
      return "Training overlap: none. None of the "
          + count(o.people())
          + " people in "
          + protocol
          + " is among the model's training identities.";
    }
    return String.format(
        Locale.ROOT,
        "Training overlap: %,d of the %,d people in %s are among the model's training identities;"
            + " %,d of its %,d pairs show at least one of them, so these figures flatter the model"
            + " on unseen people.",
        o.seenPeople(),
        o.people(),
        protocol,
        o.pairsWithSeenPerson(),
        o.pairs());
  }

  /** A false-accept rate as it is usually written, e.g. 0.001 -> {@code 1e-3}. */
  static String farLabel(double far) {
    return String.format(Locale.ROOT, "%.0e", far).replace("e-0", "e-");
  }

  private static String count(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.2f%%", share * 100);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static void writeText(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
