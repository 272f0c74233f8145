package org.facesearch.trainer.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.TrainingRecord;
import org.facesearch.trainer.run.TrainingResult;

/** A sweep setting trained earlier, read back from its bundle. */
final class Finished {
  private Finished() {}

  static TrainingResult read(Path bundleDir) {
    ModelBundle bundle = ModelBundle.open(bundleDir);
    TrainingRecord record = bundle.metadata().training();
    return new TrainingResult(
        Optional.of(bundle.directory()),
        Optional.of(bundle.modelId()),
        record.iterations(),
        record.trainingSeconds(),
        record.metrics(),
        List.of());
  }
}
