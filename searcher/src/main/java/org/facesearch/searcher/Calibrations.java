package org.facesearch.searcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.Workspace;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verification thresholds calibrated in this workspace for models that do not carry their own: a
 * trained bundle records its threshold in model.json, but a pretrained reference model is fetched
 * as its authors published it, and its threshold depends on how faces are cropped here. {@code
 * facesearch evaluate} chooses it on LFW's {@code pairsDevTrain} (as for View 1) and stores it
 * under the model's id, so a different crop, flip setting or weights never reuses it.
 */
public final class Calibrations {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /**
   * One calibrated threshold.
   *
   * @param modelId the embedder's id it was chosen for
   * @param threshold same person iff cosine similarity >= threshold
   * @param accuracy accuracy on the calibration pairs at that threshold
   * @param pairs which pairs it was chosen on, e.g. {@code pairsDevTrain.txt}
   * @param data the LFW folder the pairs' photos came from
   * @param createdAt when it was chosen
   * @param probability score to probability of "same person", fitted on the same pairs (null in
   *     files written before probabilities existed)
   */
  public record Calibration(
      String modelId,
      double threshold,
      double accuracy,
      String pairs,
      String data,
      Instant createdAt,
      org.facesearch.model.verify.Calibration probability) {
    public Calibration {
      Objects.requireNonNull(modelId, "modelId");
      Objects.requireNonNull(pairs, "pairs");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(createdAt, "createdAt");
      if (!Double.isFinite(threshold) || !(accuracy >= 0 && accuracy <= 1)) {
        throw new IllegalArgumentException(
            "a calibration needs a finite threshold and an accuracy in [0, 1], got "
                + threshold
                + " and "
                + accuracy);
      }
    }

    /**
     * As a bundle's metrics would hold it: the threshold, the calibration accuracy and, when there
     * is one, the probability calibration (which {@link LoadedModel} reads).
     */
    public java.util.Map<String, Double> asMetrics() {
      java.util.Map<String, Double> metrics = new java.util.LinkedHashMap<>();
      metrics.put(ModelSource.THRESHOLD_METRIC, threshold);
      metrics.put("calibrationAccuracy", accuracy);
      if (probability != null) {
        metrics.putAll(probability.asMetrics());
      }
      return metrics;
    }
  }

  private final Path dir;

  public Calibrations(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The workspace's calibrations, {@code $FACESEARCH_HOME/models/calibrations}. */
  public static Calibrations in(Workspace workspace) {
    return new Calibrations(workspace.modelsDir().resolve("calibrations"));
  }

  public Path file(String modelId) {
    return dir.resolve(modelId + ".json");
  }

  /**
   * The calibration stored for {@code modelId}, if any; a file that cannot be read or parsed counts
   * as none (it is rewritten by the next calibration), and so does one for another id.
   */
  public Optional<Calibration> find(String modelId) {
    try {
      Calibration c = JSON.readValue(Files.readAllBytes(file(modelId)), Calibration.class);
      return c.modelId().equals(modelId) ? Optional.of(c) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | JacksonException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** Stores {@code calibration} atomically, replacing the one for the same model. */
  public Path save(Calibration calibration) throws IOException {
    Files.createDirectories(dir);
    Path target = file(calibration.modelId());
    Path temp = Files.createTempFile(dir, "." + calibration.modelId(), ".tmp");
    try {
      Files.write(temp, JSON.writeValueAsBytes(calibration));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
