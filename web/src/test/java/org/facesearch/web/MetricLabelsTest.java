package org.facesearch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MetricLabelsTest {

  @Test
  void theShippedModelsMetricsReadAsWordsWithUnits() {
    assertEquals("Accuracy on LFW View 1 (pairsDevTest)", MetricLabels.label("view1Accuracy"));
    assertEquals("82.4 %", MetricLabels.value("view1Accuracy", 0.824));
    assertEquals("Training stopped by its time limit", MetricLabels.label("stoppedByTimeLimit"));
    assertEquals("no", MetricLabels.value("stoppedByTimeLimit", 0.0));
    assertEquals("yes", MetricLabels.value("testTimeFlip", 1.0));
    assertEquals("96.8 images/s", MetricLabels.value("trainImagesPerSecond", 96.81));
    assertEquals("0.8028 (cosine similarity)", MetricLabels.value("threshold", 0.80279));
  }

  @Test
  void anUnknownMetricFallsBackToItsWords() {
    assertEquals("Some new metric", MetricLabels.label("someNewMetric"));
    assertEquals("1.5000", MetricLabels.value("someNewMetric", 1.5));
  }

  @Test
  void aBundleIsNamedByItsFolderNotItsPath() {
    assertEquals(
        "default", StatusReport.publicName(Path.of("/srv/facesearch/models/default").toString()));
    assertEquals("pixels-32-grey", StatusReport.publicName("pixels-32-grey"));
  }
}
