package org.facesearch.trainer.objective;

import java.util.List;
import java.util.Map;
import org.facesearch.model.bundle.Objective;
import org.facesearch.trainer.Setting;
import org.facesearch.trainer.Settings;
import org.facesearch.trainer.TrainConfig;

/** SimCLR's NT-Xent, no labels (seed: Adam 3e-3, 300 epochs, batch 64, temperature 0.5). */
final class NtXentObjective implements TrainingObjective {
  @Override
  public String id() {
    return "ntxent";
  }

  @Override
  public String summary() {
    return "SimCLR: NT-Xent over two augmented views, no labels; search uses the backbone";
  }

  @Override
  public Objective bundleObjective() {
    return Objective.NT_XENT;
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(Settings.TEMPERATURE);
  }

  @Override
  public void applyDefaults(TrainConfig.Builder b) {
    b.set(Settings.TEMPERATURE, 0.5f).epochs(300).learningRate(3e-3f);
  }

  @Override
  public void check(TrainConfig c) {
    if (c.batch() < 2) {
      throw new IllegalArgumentException(
          "NT-Xent needs a batch of at least 2 images, got " + c.batch());
    }
  }

  @Override
  public void describe(TrainConfig c, Map<String, Object> h) {
    // NT-Xent always uses SimCLR's strong augmentation, whatever --augment says.
    h.put("augmentation", "simclr");
  }

  @Override
  public ObjectiveTrainer trainer(TrainingSetup s) {
    return new NtXentTrainer(s.config(), s.data(), s.spec(), s.network());
  }
}
