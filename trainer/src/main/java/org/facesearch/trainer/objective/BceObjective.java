package org.facesearch.trainer.objective;

import java.util.List;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.Objective;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.Setting;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.TrainConfig;

/** The 19-layer CNN seed's pair classifier under binary cross-entropy, at 128x128. */
final class BceObjective implements TrainingObjective {
  @Override
  public String id() {
    return "bce";
  }

  @Override
  public String summary() {
    return "pair classifier: CNN19 features concatenated, Linear, sigmoid, binary cross-entropy";
  }

  @Override
  public Objective bundleObjective() {
    return Objective.BCE;
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(Settings.PAIRS);
  }

  @Override
  public void applyDefaults(TrainConfig.Builder b) {
    b.set(Settings.PAIRS, PairSource.MIXED).architecture(Architecture.CNN19);
  }

  @Override
  public void check(TrainConfig c) {
    if (c.pairs() == PairSource.BATCH_ALL) {
      throw new IllegalArgumentException("batch-all pairs are for the contrastive objective only");
    }
    if (c.architecture() != Architecture.CNN19) {
      throw new IllegalArgumentException("the bce pair classifier is defined on cnn19 only");
    }
  }

  @Override
  public ObjectiveTrainer trainer(TrainingSetup s) {
    return new BceTrainer(s.config(), s.data(), s.spec(), s.network());
  }
}
