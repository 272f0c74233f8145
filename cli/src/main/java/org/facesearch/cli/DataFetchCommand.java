package org.facesearch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.facesearch.data.DataLocation;
import org.facesearch.data.Workspace;
import org.facesearch.data.fetch.FetchOutcome;
import org.facesearch.data.fetch.FetchPlan;
import org.facesearch.data.fetch.LfwFetcher;
import org.facesearch.data.fetch.LfwVariant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code facesearch data fetch}: downloads LFW and unpacks it into the data folder. */
@Command(
    name = "fetch",
    description = {
      "Download LFW (one image variant and the six protocol files), verify the checksums and"
          + " unpack it into the data folder as images/<Name>/<Name>_NNNN.jpg.",
      "Interrupted downloads resume: rerun the command. Unfinished downloads wait in"
          + " <data folder>.download/, which is safe to delete."
    })
public final class DataFetchCommand implements Callable<Integer> {

  @Option(
      names = "--variant",
      paramLabel = "NAME",
      defaultValue = "deepfunneled",
      converter = VariantConverter.class,
      description = "lfw, funneled or deepfunneled (default: ${DEFAULT-VALUE}).")
  LfwVariant variant;

  @Option(
      names = "--mirror",
      paramLabel = "URL",
      description =
          "Download from this copy of LFW's download folder (same file names) instead of "
              + FetchPlan.OFFICIAL_URL
              + ".")
  URI mirror;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Where to put the dataset (default: $FACESEARCH_DATA, else"
              + " $FACESEARCH_HOME/data/lfw, else ~/.facesearch/data/lfw).")
  Path data;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(names = "--force", description = "Download again and replace what is in the data folder.")
  boolean force;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> environment;
  private final PrintStream progress;

  public DataFetchCommand() {
    this(System.getenv(), System.err);
  }

  /** For tests: a given environment, and progress bars somewhere other than stderr. */
  DataFetchCommand(Map<String, String> environment, PrintStream progress) {
    this.environment = Map.copyOf(environment);
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  @Override
  public Integer call() throws IOException {
    FetchPlan plan;
    try {
      plan = mirror == null ? FetchPlan.official(variant) : FetchPlan.from(mirror, variant);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--mirror: " + e.getMessage());
    }
    Path target = dataFolder();
    progress.printf("Fetching LFW %s from %s into %s%n", variant.id(), plan.base(), target);
    switch (new LfwFetcher(progress).fetch(plan, target, force)) {
      case FetchOutcome.Fetched f ->
          spec.commandLine()
              .getOut()
              .printf(
                  "LFW %s: %d images of %d people in %s%n",
                  variant.id(), f.images(), f.identities(), f.target());
      case FetchOutcome.AlreadyPresent p ->
          spec.commandLine()
              .getOut()
              .printf(
                  "LFW is already present in %s (use --force to download it again)%n", p.target());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  private Path dataFolder() {
    return DataLocation.choose(data, environment, Workspace.fromEnvironment(environment)).folder();
  }

  /** Accepts the variant names users type, with a message listing them when one is wrong. */
  static final class VariantConverter implements CommandLine.ITypeConverter<LfwVariant> {
    @Override
    public LfwVariant convert(String value) {
      try {
        return LfwVariant.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
