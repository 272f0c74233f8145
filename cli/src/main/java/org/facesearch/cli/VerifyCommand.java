package org.facesearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.facesearch.indexer.FaceReader;
import org.facesearch.indexer.NoFaceException;
import org.facesearch.indexer.Photo;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.VerificationResult;
import org.facesearch.searcher.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code facesearch verify A B}: are these two photos of the same person? */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Decide whether photos A and B show the same person. Exit code 3 if either shows no face.")
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;

  @Parameters(index = "0", paramLabel = "A", description = "First photo.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Second photo.")
  Path b;

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description =
          "Cosine similarity at or above which it is the same person (default: the model's).")
  Double threshold;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  /** {@code probability} is null for a model without a calibration. */
  record VerifyJson(boolean same, double score, Double probability, double threshold) {}

  @Override
  public Integer call() {
    Photo first = Photo.read(a);
    Photo second = Photo.read(b);
    PrintWriter out = spec.commandLine().getOut();
    try (LoadedModel loaded = model.load(index.root());
        FaceReader faces = new FaceReader()) {
      OptionalDouble t = loaded.threshold(threshold);
      if (t.isEmpty()) {
        throw new IllegalArgumentException(
            "model "
                + loaded.source()
                + " has no calibrated verification threshold; pass --threshold T");
      }
      VerificationResult result =
          new Verifier(loaded.embedder(), faces, t.getAsDouble()).verify(first, second);
      OptionalDouble probability = loaded.probability(result.score());
      if (json) {
        Json.print(
            out,
            new VerifyJson(
                result.same(),
                result.score(),
                probability.isPresent() ? probability.getAsDouble() : null,
                result.threshold()));
      } else {
        out.printf(
            "%s (%sscore %.3f %s threshold %.3f)%n",
            result.same() ? "same person" : "different people",
            probability.isPresent()
                ? QueryCommand.percent(probability.getAsDouble()) + " likely the same person, "
                : "",
            result.score(),
            result.same() ? ">=" : "<",
            result.threshold());
        out.flush();
      }
      return 0;
    } catch (NoFaceException e) {
      if (!json) {
        throw e;
      }
      Json.print(out, Map.of("error", e.getMessage()));
      return ExitCodes.NO_FACE;
    }
  }
}
