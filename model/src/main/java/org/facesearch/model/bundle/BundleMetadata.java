package org.facesearch.model.bundle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import org.facesearch.model.input.InputAlignment;
import org.facesearch.model.input.InputSpec;

/** A bundle's {@code model.json}: the model's spec, how it was trained, and its weights' hash. */
public record BundleMetadata(ModelSpec spec, TrainingRecord training, String weightsSha256) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public BundleMetadata {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(training, "training");
    if (weightsSha256 == null || !SHA256.matcher(weightsSha256).matches()) {
      throw new IllegalArgumentException(
          "weightsSha256 must be 64 lower-case hex digits, got " + weightsSha256);
    }
  }

  /** The id of embeddings made as recorded (with the recorded flip setting). */
  public String modelId() {
    return modelId(spec.testTimeFlip());
  }

  /**
   * A short id that changes whenever the vectors would: e.g. {@code triplet-3fa2b9c01d4e}, the
   * objective plus 12 hex digits of a hash over the weights' hash, the architecture, the embedding
   * source, the input preparation, the flip setting and the alignment.
   */
  public String modelId(boolean testTimeFlip) {
    InputSpec input = spec.input();
    String identity =
        String.join(
            "\n",
            "facesearch-model-1",
            weightsSha256,
            spec.objective().id(),
            spec.architecture().id(),
            spec.embedding().id(),
            input.preprocessing().crop().toString(),
            input.preprocessing().color().name(),
            Integer.toString(input.preprocessing().size()),
            input.normalization().mean().toString(),
            input.normalization().std().toString(),
            testTimeFlip ? "flip" : "no-flip");
    // Unaligned models keep the ids they had before alignments existed (indexes, calibrations).
    if (spec.alignment() != InputAlignment.NONE) {
      identity += "\nalignment=" + spec.alignment().id();
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return spec.objective().id() + "-" + HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
