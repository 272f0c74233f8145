import java.nio.file.*;
import java.util.*;
import org.facesearch.data.*;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.cache.CropCache;
import org.facesearch.model.*;
import org.facesearch.model.bundle.*;
import org.facesearch.model.engine.*;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.reference.ReferenceModel;
import org.facesearch.model.verify.*;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.eval.Verification;

/**
 * Where a trained model's View 1 threshold comes from, and what that costs: for each bundle,
 * without and with flip averaging, View 1 accuracy at the threshold chosen on
 * {@code pairsDevTrain} (the protocol's, and the bundle's), at the threshold chosen on the run's own
 * validation pairs (people held out of {@code peopleDevTrain}, which the model never trained on,
 * rebuilt from the bundle's recorded seed, validation fraction and pair count), and at the best
 * threshold for the test pairs themselves (which no protocol allows: the ceiling). A model trained
 * on {@code peopleDevTrain} knows most of {@code pairsDevTrain}'s people, so its threshold there
 * may sit too high for strangers; this says whether it does.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
 *     -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')cli/target/facesearch-cli.jar" \
 *     bench/ThresholdProbe.java models/default models/trinet
 * </pre>
 */
public class ThresholdProbe {
  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: ThresholdProbe BUNDLE_DIR... (models trained on peopleDevTrain)");
      System.exit(2);
    }
    Workspace workspace = Workspace.fromEnvironment(System.getenv());
    LfwDataset lfw = LfwDataset.open(Path.of(System.getenv("FACESEARCH_DATA")));
    TorchRuntime runtime = TorchRuntime.start(EngineOptions.fromEnvironment(DeviceChoice.CPU));
    for (String dir : args) {
      ModelBundle bundle = ModelBundle.open(Path.of(dir));
      Map<String, Object> hp = bundle.metadata().training().hyperparameters();
      String align = String.valueOf(hp.getOrDefault("alignment", "none"));
      InputAlignment kind =
          Arrays.stream(InputAlignment.values())
              .filter(a -> a.id().equals(align))
              .findFirst()
              .orElse(InputAlignment.NONE);
      Optional<FaceAlignment> alignment =
          kind == InputAlignment.NONE
              ? Optional.empty()
              : ReferenceModel.openInputAlignment(kind, AssetStore.in(workspace), runtime);
      try (TrainingData data =
          TrainingData.load(
              lfw,
              CropCache.in(workspace),
              bundle.metadata().spec().input().preprocessing(),
              alignment,
              TrainingPeople.DEV_TRAIN,
              Optional.empty(),
              ((Number) hp.get("validationFraction")).doubleValue(),
              ((Number) hp.get("validationPairs")).intValue(),
              0,
              ((Number) hp.get("seed")).longValue())) {
        for (boolean flip : new boolean[] {false, true}) {
          try (Embedder embedder = bundle.embedder(runtime, flip)) {
            Verification verification = new Verification(embedder, data.crops());
            ScoredPairs validation = verification.score(data.validationPairs());
            ScoredPairs devTrain = verification.score(data.thresholdPairs());
            ScoredPairs test = verification.score(data.testPairs());
            ThresholdChoice protocol = devTrain.bestThreshold();
            ThresholdChoice heldOut = validation.bestThreshold();
            ThresholdChoice ceiling = test.bestThreshold();
            System.out.printf(
                "%s flip=%s: pairsDevTrain threshold %.4f -> View 1 %.4f | validation threshold"
                    + " %.4f (validation accuracy %.4f) -> View 1 %.4f | test pairs' own best"
                    + " %.4f (threshold %.4f)%n",
                dir,
                flip,
                protocol.threshold(),
                test.accuracyAt(protocol.threshold()),
                heldOut.threshold(),
                heldOut.accuracy(),
                test.accuracyAt(heldOut.threshold()),
                ceiling.accuracy(),
                ceiling.threshold());
          }
        }
      } finally {
        alignment.ifPresent(FaceAlignment::close);
      }
    }
  }
}
