package org.facesearch.trainer.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.data.protocol.Person;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.Int8Calibration;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.model.onnx.Equalization;
import org.facesearch.model.reference.ReferenceModel;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.data.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped default model calibrated afresh on 64 real training faces and compared with fp32 on
 * real View 1 pairs (the first 200 of each file among 60 people's photos): int8 keeps its answers,
 * and what was measured is recorded in the calibration.
 */
class Int8QuantizerTest {
  @TempDir Path cache;

  @Test
  void theDefaultModelInInt8KeepsItsAnswersOnRealPairsAndTheCalibrationSaysHowClosely()
      throws Exception {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    ModelBundle bundle = ModelBundle.open(Path.of("../models/default"));
    List<String> people =
        PeopleFile.read(lfw.protocolFile(TrainingData.TRAIN_PEOPLE)).people().stream()
            .filter(p -> p.images() >= 4 && p.images() <= 10)
            .map(Person::name)
            .limit(60)
            .toList();
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    Optional<FaceAlignment> aligner =
        ReferenceModel.openInputAlignment(
            bundle.metadata().spec().alignment(), TestAssets.store(), runtime);
    try (TrainingData data =
        TrainingData.load(
            lfw,
            new CropCache(cache),
            bundle.metadata().spec().input().preprocessing(),
            aligner,
            TrainingPeople.DEV_TRAIN,
            Optional.of(people),
            0.25,
            200,
            200,
            1)) {
      List<Integer> sample = IntStream.of(data.train()).limit(64).boxed().toList();
      Int8Quantizer.Result result;
      try (Embedder fp32 =
          bundle.embedder(
              runtime,
              bundle.metadata().spec().testTimeFlip(),
              Precision.FP32,
              TestAssets.store(),
              InferenceRuntime.ONNXRUNTIME)) {
        result =
            Int8Quantizer.quantize(
                bundle,
                fp32,
                runtime,
                TestAssets.store(),
                data.crops(),
                sample,
                data.thresholdPairs(),
                data.testPairs(),
                Int8Calibration.DEFAULT_WEIGHT_LEVELS,
                "64 test faces");
      }
      System.out.printf(
          "int8 against fp32 on %d faces: cosine mean %.5f, min %.5f; View 1 %.4f against %.4f%n",
          result.faces(),
          result.cosineMean(),
          result.cosineMin(),
          result.view1Int8(),
          result.view1Fp32());
      assertTrue(result.keepsAnswers(), result.toString());
      assertTrue(result.cosineMin() > 0.98, "worst face " + result.cosineMin());
      assertTrue(result.view1Fp32() > 0.85, "fp32 itself on these pairs " + result.view1Fp32());
      Int8Calibration calibration = result.calibration();
      assertEquals(64, calibration.faces());
      assertEquals(bundle.metadata().weightsSha256(), calibration.weightsSha256());
      assertEquals(result.cosineMean(), calibration.agreement().get("cosineMean"));
      assertEquals(result.view1Int8(), calibration.agreement().get("view1AccuracyInt8"));
      assertEquals((double) result.faces(), calibration.agreement().get("faces"));
      // Both exports were measured, and the one kept is the one closer to fp32.
      assertEquals(Set.of(Equalization.values()), result.cosineMeanBy().keySet());
      assertEquals(
          Collections.max(result.cosineMeanBy().values()),
          result.cosineMeanBy().get(calibration.equalization()));
      assertEquals(result.cosineMean(), result.cosineMeanBy().get(calibration.equalization()));
      for (Equalization e : Equalization.values()) {
        assertEquals(
            result.cosineMeanBy().get(e), calibration.agreement().get("cosineMean." + e.id()));
      }
    } finally {
      aligner.ifPresent(FaceAlignment::close);
    }
  }
}
