package org.facesearch.evaluation;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.facesearch.model.verify.ReliabilityBin;

/**
 * The machine-readable summary {@code facesearch evaluate --json} prints: nested objects {@code
 * view1} (with its mistakes, most confident first, as drawn in the report), {@code view2}, {@code
 * ari}, {@code knn}, {@code clustering}, plus the model and the report folder. Maps and numbers
 * only, for any JSON library to write.
 */
public final class EvaluationJson {
  private EvaluationJson() {}

  public static Map<String, Object> summary(EvaluationResult r, Path reportFolder) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", r.modelId());
    model.put("description", r.description());
    model.put("inference", r.inference());
    model.put("dimension", r.dimension());
    root.put("model", model);

    Map<String, Object> view1 = new LinkedHashMap<>();
    view1.put("accuracy", r.view1().accuracy());
    view1.put("threshold", r.view1().threshold());
    view1.put("trainAccuracy", r.view1().trainAccuracy());
    view1.put("pairs", r.view1().testPairs());
    Map<String, Object> calibration = new LinkedHashMap<>();
    calibration.put("slope", r.view1().calibration().slope());
    calibration.put("intercept", r.view1().calibration().intercept());
    r.view1().calibration().evenOddsScore().ifPresent(s -> calibration.put("evenOddsScore", s));
    calibration.put(
        "expectedCalibrationError", ReliabilityBin.expectedError(r.view1().reliability()));
    calibration.put("reliability", r.view1().reliability());
    view1.put("calibration", calibration);
    overlap(r.view1Overlap()).ifPresent(o -> view1.put("trainingOverlap", o));
    view1.put(
        "mistakes",
        r.figures().view1Mistakes().stream()
            .map(
                m -> {
                  Map<String, Object> out = new LinkedHashMap<>();
                  out.put("a", m.a().key());
                  out.put("b", m.b().key());
                  out.put("same", m.pair().pair().same());
                  out.put("score", m.pair().score());
                  return out;
                })
            .toList());
    root.put("view1", view1);

    View2 v2 = r.view2();
    Map<String, Object> view2 = new LinkedHashMap<>();
    view2.put("accuracy", v2.accuracy());
    view2.put("stderr", v2.standardError());
    view2.put("auc", v2.auc());
    view2.put("eer", v2.equalErrorRate());
    Map<String, Object> tar = new LinkedHashMap<>();
    v2.tarAtFar().forEach((far, rate) -> tar.put(BigDecimal.valueOf(far).toPlainString(), rate));
    view2.put("tarAtFar", tar);
    view2.put("folds", v2.folds().stream().map(FoldResult::accuracy).toList());
    overlap(r.view2Overlap()).ifPresent(o -> view2.put("trainingOverlap", o));
    root.put("view2", view2);

    SubsetResult s = r.subset();
    Map<String, Object> ari = new LinkedHashMap<>();
    ari.put("embeddings", s.embeddings().ari());
    ari.put("pixels", s.pixels().ari());
    root.put("ari", ari);
    Map<String, Object> knn = new LinkedHashMap<>();
    knn.put("top1", s.knn().top1());
    knn.put("top5", s.knn().top5());
    root.put("knn", knn);
    Map<String, Object> clustering = new LinkedHashMap<>();
    clustering.put("minFaces", s.minFaces());
    clustering.put("people", s.people());
    clustering.put("trainFaces", s.trainFaces());
    clustering.put("testFaces", s.testFaces());
    clustering.put("pixelModel", s.pixelModelId());
    root.put("clustering", clustering);

    root.put("seconds", r.seconds());
    root.put("report", reportFolder.toString());
    return root;
  }

  private static Optional<Map<String, Object>> overlap(Optional<TrainingOverlap> overlap) {
    return overlap.map(
        o -> {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("people", o.people());
          out.put("seenPeople", o.seenPeople());
          out.put("pairs", o.pairs());
          out.put("pairsWithSeenPerson", o.pairsWithSeenPerson());
          return out;
        });
  }
}
