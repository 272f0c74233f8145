package org.facesearch.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.model.Embedder;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.EmbeddingSource;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.Objective;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.trainer.Mining;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.testing.Crops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few steps of each objective on ten real peopleDevTrain people: each run must write a bundle
 * that opens, records what was trained, and embeds unseen faces into unit vectors.
 */
class ObjectiveSmokeTest {
  @TempDir static Path cache;
  @TempDir Path runDir;

  private ModelBundle train(TrainConfig config) throws Exception {
    TrainingResult result = TrainingRun.run(config, SmokeRuns.plan(cache, runDir, false));
    assertTrue(result.completed());
    assertEquals(config.iterations(), result.steps());
    ModelBundle bundle = ModelBundle.open(result.bundle().orElseThrow());
    assertEquals(config.objective(), bundle.metadata().spec().objective());
    assertEquals(config.architecture(), bundle.metadata().spec().architecture());
    assertEquals(config.iterations(), bundle.metadata().training().iterations());
    for (String metric : List.of("view1Accuracy", "threshold", "validationAccuracy", "finalTrainLoss")) {
      assertTrue(bundle.metadata().training().metrics().containsKey(metric), metric);
    }
    return bundle;
  }

  private static void embedsUnitVectors(ModelBundle bundle, int dimension) {
    try (Embedder embedder = bundle.embedder(DeviceChoice.CPU)) {
      List<FaceCrop> crops = Crops.load(embedder.preprocessing(), 2);
      float[][] rows = embedder.embed(crops);
      assertEquals(dimension, rows[0].length);
      for (float[] row : rows) {
        double norm = 0;
        for (float v : row) {
          norm += v * v;
        }
        assertEquals(1.0, norm, 1e-4);
      }
    }
  }

  @Test
  void tripletWithRandomTriplets() throws Exception {
    ModelBundle bundle =
        train(SmokeRuns.config(Objective.TRIPLET, Architecture.RESNET18, Mining.RANDOM, PairSource.SAMPLED, 2, 3));
    assertEquals(EmbeddingSource.HEAD, bundle.metadata().spec().embedding());
    assertEquals("random", bundle.metadata().training().hyperparameters().get("mining"));
    embedsUnitVectors(bundle, 64);
  }

  @Test
  void ntXentEmbedsWithTheBackbone() throws Exception {
    ModelBundle bundle =
        train(SmokeRuns.config(Objective.NT_XENT, Architecture.RESNET18, Mining.RANDOM, PairSource.SAMPLED, 2, 4));
    assertEquals(EmbeddingSource.BACKBONE, bundle.metadata().spec().embedding());
    assertEquals("simclr", bundle.metadata().training().hyperparameters().get("augmentation"));
    embedsUnitVectors(bundle, 512);
  }

  @Test
  void contrastiveOnSampledPairs() throws Exception {
    ModelBundle bundle =
        train(SmokeRuns.config(Objective.CONTRASTIVE, Architecture.RESNET18, Mining.RANDOM, PairSource.SAMPLED, 2, 4));
    assertEquals("sampled", bundle.metadata().training().hyperparameters().get("pairs"));
    embedsUnitVectors(bundle, 512);
  }

  @Test
  void contrastiveBatchAll() throws Exception {
    ModelBundle bundle =
        train(SmokeRuns.config(Objective.CONTRASTIVE, Architecture.RESNET18, Mining.RANDOM, PairSource.BATCH_ALL, 2, 6));
    assertEquals("batch-all", bundle.metadata().training().hyperparameters().get("pairs"));
    embedsUnitVectors(bundle, 512);
  }

  @Test
  void bcePairClassifierOnCnn19() throws Exception {
    ModelBundle bundle =
        train(SmokeRuns.config(Objective.BCE, Architecture.CNN19, Mining.RANDOM, PairSource.SAMPLED, 2, 2));
    assertEquals(128, bundle.metadata().spec().input().size());
    embedsUnitVectors(bundle, 1024);
  }
}
