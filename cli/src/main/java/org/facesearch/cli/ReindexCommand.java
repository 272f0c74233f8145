package org.facesearch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.facesearch.data.Workspace;
import org.facesearch.data.cache.CropCache;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.ReindexOutcome;
import org.facesearch.indexer.Reindexer;
import org.facesearch.searcher.LoadedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch reindex}: rebuild only if the model, data or settings changed. */
@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild the index if the model, the LFW photos or the HNSW settings changed since the"
          + " serving build, or it was made before look-alike probabilities (or with --force),"
          + " then delete old builds beyond --keep.",
      "Options left out keep the serving build's values."
    })
final class ReindexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;
  @Mixin BuildOptions build;

  @Option(names = "--force", description = "Rebuild even if nothing changed.")
  boolean force;

  @Option(
      names = "--keep",
      paramLabel = "N",
      description = "Builds to keep, the serving one always among them (default 3).")
  int keep = Reindexer.DEFAULT_KEEP;

  @Option(names = "--json", description = "Print the outcome as JSON.")
  boolean json;

  /** JSON shape: the build summary plus what happened. */
  record Outcome(boolean upToDate, String reason, BuildSummary summary, List<String> pruned) {}

  @Override
  public Integer call() {
    if (keep < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--keep must be at least 1 (the serving build), got " + keep);
    }
    GalleryIndex root = index.root();
    Optional<BuildManifest> serving = root.current().map(Build::manifest);
    try (LoadedModel loaded = model.load(root)) {
      CropCache cache = CropCache.in(Workspace.fromEnvironment(System.getenv()));
      BuildSettings settings = build.settings(serving, loaded.source());
      ReindexOutcome outcome;
      try (GalleryEmbedding gallery = GalleryEmbedding.of(loaded, settings.gallery())) {
        outcome =
            new Reindexer(root, gallery.gallery(), loaded.embedder(), cache)
                .reindex(settings, force, keep);
      }
      Outcome shown =
          switch (outcome) {
            case ReindexOutcome.UpToDate upToDate ->
                new Outcome(true, null, BuildSummary.of(root, upToDate.build()), upToDate.pruned());
            case ReindexOutcome.Rebuilt rebuilt ->
                new Outcome(
                    false,
                    rebuilt.reason(),
                    BuildSummary.of(root, rebuilt.build()),
                    rebuilt.pruned());
          };
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, shown);
        return 0;
      }
      if (shown.upToDate()) {
        out.println("up to date (build " + shown.summary().build() + ")");
      } else {
        out.println("Rebuilt: " + shown.reason());
        shown.summary().printText(out);
      }
      if (!shown.pruned().isEmpty()) {
        out.println("Deleted old builds: " + String.join(", ", shown.pruned()));
      }
      out.flush();
      return 0;
    }
  }
}
