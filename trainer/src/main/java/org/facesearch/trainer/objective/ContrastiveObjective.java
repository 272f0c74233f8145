package org.facesearch.trainer.objective;

import java.util.List;
import org.facesearch.model.bundle.Objective;
import org.facesearch.trainer.PairSource;
import org.facesearch.trainer.Setting;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.TrainConfig;

/** The Siamese net's contrastive loss (margin 1.0) on sampled, protocol or batch-all pairs. */
final class ContrastiveObjective implements TrainingObjective {
  @Override
  public String id() {
    return "contrastive";
  }

  @Override
  public String summary() {
    return "Hadsell-Chopra-LeCun contrastive loss on pairs of backbone features";
  }

  @Override
  public Objective bundleObjective() {
    return Objective.CONTRASTIVE;
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(Settings.PAIRS, Settings.MARGIN, Settings.IMAGES_PER_PERSON);
  }

  @Override
  public void applyDefaults(TrainConfig.Builder b) {
    b.set(Settings.PAIRS, PairSource.SAMPLED)
        .set(Settings.MARGIN, 1f)
        .set(Settings.IMAGES_PER_PERSON, 4);
  }

  @Override
  public void check(TrainConfig c) {
    if (c.pairs() == PairSource.BATCH_ALL) {
      PkBatches.check("batch-all", c);
    }
  }

  @Override
  public ObjectiveTrainer trainer(TrainingSetup s) {
    return new ContrastiveTrainer(s.config(), s.data(), s.spec(), s.network());
  }
}
