package org.facesearch.trainer.shipped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.sample.ProtocolPairs;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.verify.ScoredPairs;
import org.facesearch.trainer.eval.Verification;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The models shipped in {@code models/default} (the seventh stage, revived) and {@code
 * models/student-96-20views} (the sixth, the default before it): it opens (hash checked), and
 * embedding pairsDevTest afresh through the public Embedder reproduces the view-1 accuracy its
 * bundle records at the recorded threshold, which must stay above 0.90 (the 96x96 student with 12
 * teacher views records 0.950, with 4 views 0.940, on mirror-centred targets alone 0.950, on plain
 * targets 0.946, the 64x64 one 0.940; the TriNet they replaced, 0.824). The recorded figure was
 * measured in fp32, as training runs; the precision the product computes in (int8 from the bundle's
 * calibration) may move it by at most 0.002, the bound issue #13 set for faster inference.
 */
class DefaultModelTest {

  @TempDir Path cache;

  @ParameterizedTest
  @ValueSource(strings = {"../models/default", "../models/student-96-20views"})
  void theShippedModelReproducesItsRecordedViewOneAccuracyInFp32(String folder) {
    ModelBundle bundle = ModelBundle.open(Path.of(folder));
    double recorded = bundle.metadata().training().metrics().get("view1Accuracy");
    double accuracy = viewOneAccuracy(bundle, Precision.FP32);
    assertEquals(recorded, accuracy, 0.0015, "one pair of 1000 is 0.001");
    assertTrue(accuracy >= 0.90, "view-1 accuracy " + accuracy);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../models/default", "../models/student-96-20views"})
  void theConfiguredPrecisionMovesViewOneByAtMostTwoPairs(String folder) {
    ModelBundle bundle = ModelBundle.open(Path.of(folder));
    double recorded = bundle.metadata().training().metrics().get("view1Accuracy");
    double accuracy = viewOneAccuracy(bundle, Precision.configured());
    assertEquals(recorded, accuracy, 0.002 + 1e-9, Precision.configured() + " against fp32");
  }

  private double viewOneAccuracy(ModelBundle bundle, Precision precision) {
    // The student distilled from dlib-resnet, on dlib-aligned faces.
    assertEquals(Objective.DISTILL, bundle.metadata().spec().objective());
    assertEquals(InputAlignment.DLIB_LANDMARKS_68, bundle.metadata().spec().alignment());
    double threshold = bundle.metadata().training().metrics().get("threshold");

    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    PairsFile test = PairsFile.read(lfw.protocolFile("pairsDevTest.txt"));
    Set<String> people = new LinkedHashSet<>();
    for (FacePair p : test.pairs()) {
      people.add(p.a().identity());
      people.add(p.b().identity());
    }
    try (Embedder embedder =
            bundle.embedder(
                TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU)),
                bundle.metadata().spec().testTimeFlip(),
                precision,
                TestAssets.store());
        // The embedder's own path: aligned first if the model wants its faces aligned.
        CachedCrops crops =
            embedder.cachedCrops(new CropCache(cache), lfw.withIdentities(people))) {
      ScoredPairs scored =
          new Verification(embedder, crops).score(ProtocolPairs.of(test, crops).all());
      assertEquals(1000, scored.size());
      return scored.accuracyAt(threshold);
    }
  }
}
