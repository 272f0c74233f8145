package org.facesearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole evaluation of the raw-pixel baseline on the real LFW files, run once for all checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationTest {
  private static final List<String> PLOTS =
      List.of(
          EvaluationReport.ROC,
          EvaluationReport.ROC_LOG,
          EvaluationReport.SCORES,
          EvaluationReport.RELIABILITY,
          EvaluationReport.MISTAKES,
          EvaluationReport.PCA,
          EvaluationReport.TSNE,
          EvaluationReport.TSNE_FACES);

  private EvaluationResult result;
  private Path report;

  @BeforeAll
  void evaluateThePixelBaseline(@TempDir Path workspace) {
    // Fewer restarts and t-SNE iterations than the command's defaults keep the test short.
    EvaluationSettings settings = new EvaluationSettings(42, 50, 0.2, 3, 300, View2.DEFAULT_FARS);
    try (EvaluatedModel pixels = EvaluatedModel.pixels(Preprocessing.RESNET_64)) {
      result =
          new Evaluation(LfwDataset.open(LfwTestData.root()), TestCrops.cache(), settings)
              .run(pixels);
    }
    report = EvaluationReport.write(result, workspace.resolve("report"));
  }

  @Test
  void rawPixelsVerifyAboveChanceButWeakly() {
    assertBetween(0.5, 0.8, result.view1().accuracy(), "View 1 accuracy");
    assertBetween(0.5, 0.8, result.view2().accuracy(), "View 2 accuracy");
    assertBetween(0.5, 0.8, result.view2().auc(), "View 2 AUC");
    assertEquals(1000, result.view1().testPairs());
    assertEquals(10, result.view2().folds().size());
    result.view2().folds().forEach(fold -> assertEquals(600, fold.pairs()));
    assertBetween(0.0005, 0.05, result.view2().standardError(), "standard error over ten folds");
    assertBetween(0.2, 0.5, result.view2().equalErrorRate(), "equal error rate");
    double strict = result.view2().tarAtFar().get(1e-3);
    double lax = result.view2().tarAtFar().get(1e-2);
    assertTrue(strict <= lax, "TAR grows with the FAR allowed: " + strict + " vs " + lax);
    assertBetween(0.001, 0.5, lax, "TAR at FAR 1e-2");
  }

  @Test
  void theMistakesDrawnAreView1sMostConfidentWrongJudgementsWithTheFacesTheModelSaw() {
    List<PairMistake> shown = result.figures().view1Mistakes();
    int wrong = (int) Math.round((1 - result.view1().accuracy()) * result.view1().testPairs());
    assertTrue(wrong > PairMistake.MAX_SHOWN, "raw pixels make many mistakes: " + wrong);
    assertEquals(PairMistake.MAX_SHOWN, shown.size());
    double threshold = result.view1().threshold();
    double previous = Double.MAX_VALUE;
    for (PairMistake m : shown) {
      boolean judgedSame = m.pair().score() >= threshold;
      assertNotEquals(m.pair().pair().same(), judgedSame, m.a().key() + " / " + m.b().key());
      assertEquals(m.pair().pair().same(), m.falseReject());
      assertEquals(Math.abs(m.pair().score() - threshold), m.margin(), 1e-12);
      assertTrue(m.margin() <= previous, "most confident first");
      previous = m.margin();
      assertEquals(m.pair().pair().a().key(), m.a().key());
      assertEquals(m.pair().pair().b().key(), m.b().key());
      assertEquals(64, m.cropA().width());
      assertEquals(64, m.cropB().height());
    }
    assertTrue(shown.stream().anyMatch(PairMistake::falseReject));
    assertTrue(shown.stream().anyMatch(m -> !m.falseReject()));
  }

  @Test
  void aucIsTheChanceThatASamePairOutscoresADifferentOne() {
    // Mann-Whitney over all 3,000 x 3,000 same/different combinations, ties counting half.
    List<ScoredFacePair> pairs = result.figures().view2Pairs();
    double[] same =
        pairs.stream().filter(p -> p.pair().same()).mapToDouble(ScoredFacePair::score).toArray();
    double[] different =
        pairs.stream().filter(p -> !p.pair().same()).mapToDouble(ScoredFacePair::score).toArray();
    assertEquals(3000, same.length);
    assertEquals(3000, different.length);
    double wins = 0;
    for (double s : same) {
      for (double d : different) {
        wins += s > d ? 1 : s == d ? 0.5 : 0;
      }
    }
    assertEquals(wins / (same.length * (double) different.length), result.view2().auc(), 1e-9);
  }

  @Test
  void theBaselineSawNobodyInTraining() {
    List<FacePair> tenFold = PairsFile.read(LfwTestData.root().resolve("pairs.txt")).pairs();
    Set<String> people = new HashSet<>();
    tenFold.forEach(
        p -> {
          people.add(p.a().identity());
          people.add(p.b().identity());
        });
    TrainingOverlap overlap = result.view2Overlap().orElseThrow();
    assertEquals(people.size(), overlap.people());
    assertTrue(overlap.clean());
    assertTrue(result.view1Overlap().orElseThrow().clean());
  }

  @Test
  void theMin50SubsetIsClusteredAndSearched() {
    SubsetResult subset = result.subset();
    assertEquals(12, subset.people());
    assertEquals(1560, subset.trainFaces() + subset.testFaces());
    assertBetween(0.18, 0.22, subset.testFaces() / 1560.0, "test share");
    assertEquals(subset.testFaces(), subset.embeddings().faces());
    assertEquals(12, subset.embeddings().clusters());
    // Raw pixels barely group faces by person; the seeds measured an ARI near zero.
    assertBetween(-0.05, 0.2, subset.embeddings().ari(), "ARI of raw pixels");
    // For the baseline, model and pixel embeddings are the same thing.
    assertEquals(subset.embeddings(), subset.pixels());
    // Identification beats always answering the most photographed person.
    long bush =
        result.figures().subsetFaces().images().stream()
            .filter(i -> i.identity().equals("George_W_Bush"))
            .count();
    assertTrue(subset.knn().top1() > bush / 1560.0, "top-1 " + subset.knn().top1());
    assertTrue(subset.knn().top5() >= subset.knn().top1());
    assertEquals(subset.testFaces(), subset.knn().queries());
    assertEquals(subset.trainFaces(), subset.knn().gallery());
    assertEquals(1560, result.figures().pca().length);
    assertEquals(1560, result.figures().tsne().length);
  }

  @Test
  void theReportHoldsThePlotsAndReferencesThem() throws IOException {
    String markdown = Files.readString(report.resolve("report.md"));
    String html = Files.readString(report.resolve("index.html"));
    for (String plot : PLOTS) {
      BufferedImage image = ImageIO.read(report.resolve(plot).toFile());
      assertNotNull(image, plot + " is a PNG");
      assertTrue(
          image.getWidth() >= 800 && image.getHeight() >= 600,
          plot + " is " + image.getWidth() + "x" + image.getHeight());
      assertTrue(markdown.contains("](" + plot + ")"), "report.md shows " + plot);
      assertTrue(html.contains("<img src=\"" + plot + "\""), "index.html shows " + plot);
    }
    assertTrue(
        markdown.contains(
            String.format(java.util.Locale.ROOT, "%.2f%%", result.view2().accuracy() * 100)));
    assertTrue(markdown.contains("Training overlap: none"));
    assertTrue(html.contains("<table>"));
  }

  @Test
  void theJsonSummaryNestsTheFigures() {
    Map<String, Object> json = EvaluationJson.summary(result, report);
    assertEquals(result.view1().accuracy(), section(json, "view1").get("accuracy"));
    List<?> mistakes = (List<?>) section(json, "view1").get("mistakes");
    assertEquals(PairMistake.MAX_SHOWN, mistakes.size());
    PairMistake first = result.figures().view1Mistakes().getFirst();
    assertEquals(
        Map.of(
            "a", first.a().key(),
            "b", first.b().key(),
            "same", first.falseReject(),
            "score", first.pair().score()),
        mistakes.getFirst());
    Map<String, Object> view2 = section(json, "view2");
    assertEquals(result.view2().accuracy(), view2.get("accuracy"));
    assertEquals(result.view2().standardError(), view2.get("stderr"));
    assertEquals(result.view2().auc(), view2.get("auc"));
    assertEquals(result.view2().equalErrorRate(), view2.get("eer"));
    assertEquals(Set.of("0.01", "0.001"), section(view2, "tarAtFar").keySet());
    assertEquals(result.subset().embeddings().ari(), section(json, "ari").get("embeddings"));
    assertEquals(result.subset().pixels().ari(), section(json, "ari").get("pixels"));
    assertEquals(result.subset().knn().top1(), section(json, "knn").get("top1"));
    assertEquals(report.toString(), json.get("report"));
    assertEquals(result.inference(), section(json, "model").get("inference"));
    assertEquals("fp32", result.inference(), "raw pixels: fp32 arithmetic, no runtime");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> json, String key) {
    return (Map<String, Object>) json.get(key);
  }

  private static void assertBetween(double low, double high, double value, String what) {
    assertTrue(
        value > low && value < high,
        what + " = " + value + ", expected in (" + low + ", " + high + ")");
  }
}
