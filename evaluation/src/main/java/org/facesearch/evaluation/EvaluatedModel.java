package org.facesearch.evaluation;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;
import org.facesearch.model.PixelEmbedder;
import org.facesearch.model.bundle.BundleMetadata;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.features.FeatureModel;
import org.facesearch.model.fusion.FusedModel;
import org.facesearch.model.reference.ReferenceModel;

/**
 * What is being evaluated: an embedder, a line saying what it is, and the people it was trained on
 * when known (empty Optional: the model does not say). Closing it closes the embedder.
 */
public record EvaluatedModel(
    Embedder embedder, String description, Optional<Set<String>> trainingIdentities)
    implements AutoCloseable {

  public EvaluatedModel {
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(description, "description");
    trainingIdentities = trainingIdentities.map(Set::copyOf);
  }

  /** The raw-pixel baseline: nothing was trained, so no one was seen. */
  public static EvaluatedModel pixels(Preprocessing preprocessing) {
    return baseline(new PixelEmbedder(preprocessing));
  }

  private static EvaluatedModel baseline(PixelEmbedder embedder) {
    return new EvaluatedModel(
        embedder,
        "raw pixels (" + embedder.modelId() + "), the untrained baseline",
        Optional.of(Set.of()));
  }

  /**
   * A pretrained reference model: facesearch did not train it, and its authors' training people are
   * not listed person by person, so the overlap with LFW's test people is unknown.
   */
  public static EvaluatedModel reference(Embedder embedder, ReferenceModel reference) {
    return new EvaluatedModel(
        embedder,
        String.format(
            java.util.Locale.ROOT,
            "%s model %s, pretrained: %s (published LFW accuracy %.2f%% with its own alignment)",
            reference.name(),
            embedder.modelId(),
            reference.description(),
            reference.publishedLfwAccuracy() * 100),
        Optional.empty());
  }

  /**
   * {@code embedder}, loaded from the bundle {@code bundle} (empty: a built-in model). A bundle's
   * training identities are read as {@link TrainingIdentities} says; the raw-pixel baseline has
   * none.
   */
  public static EvaluatedModel of(Embedder embedder, Optional<ModelBundle> bundle, LfwDataset lfw) {
    if (embedder instanceof PixelEmbedder pixels) {
      return baseline(pixels);
    }
    if (bundle.isEmpty()) {
      return new EvaluatedModel(embedder, embedder.modelId(), Optional.empty());
    }
    BundleMetadata metadata = bundle.get().metadata();
    String description =
        metadata.spec().objective().id()
            + " model "
            + embedder.modelId()
            + " ("
            + metadata.spec().architecture().id()
            + ", bundle "
            + bundle.get().directory()
            + ")";
    return new EvaluatedModel(embedder, description, TrainingIdentities.of(metadata, lfw));
  }

  /** A model without a network: its description says so, and its record which people it saw. */
  public static EvaluatedModel features(Embedder embedder, FeatureModel model, LfwDataset lfw) {
    return new EvaluatedModel(
        embedder,
        FeatureModel.KIND
            + " model "
            + embedder.modelId()
            + " (no network: LBP descriptor and learned projection, folder "
            + model.directory()
            + ")",
        TrainingIdentities.of(model.training(), lfw));
  }

  /** Models fused: the description names the parts and their weights. */
  public static EvaluatedModel fused(Embedder embedder, FusedModel model, LfwDataset lfw) {
    StringBuilder parts = new StringBuilder();
    for (FusedModel.Part part : model.parts()) {
      parts.append(parts.isEmpty() ? "" : " + ");
      parts.append(
          String.format(java.util.Locale.ROOT, "%.2f x %s", part.weight(), part.modelId()));
    }
    return new EvaluatedModel(
        embedder,
        FusedModel.KIND
            + " model "
            + embedder.modelId()
            + " ("
            + parts
            + ", folder "
            + model.directory()
            + ")",
        TrainingIdentities.of(model.training(), lfw));
  }

  @Override
  public void close() {
    embedder.close();
  }
}
