package org.facesearch.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.facesearch.data.Workspace;
import org.facesearch.data.cache.CropCache;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.searcher.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch index}: embed the gallery into a new build and serve it. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "Embed LFW (and enrolled people) into a new search index and switch to it.")
final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;
  @Mixin BuildOptions build;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Override
  public Integer call() {
    GalleryIndex root = index.root();
    try (LoadedModel loaded = model.load(root)) {
      BuildSettings settings = build.settings(Optional.empty(), loaded.source());
      Build built = build(root, loaded, settings);
      BuildSummary summary = BuildSummary.of(root, built);
      if (json) {
        Json.print(spec.commandLine().getOut(), summary);
      } else {
        summary.printText(spec.commandLine().getOut());
      }
      return 0;
    }
  }

  /** Builds and switches to a new index; also how {@code query} makes the first one. */
  static Build build(GalleryIndex root, LoadedModel loaded, BuildSettings settings) {
    CropCache cache = CropCache.in(Workspace.fromEnvironment(System.getenv()));
    try (GalleryEmbedding gallery = GalleryEmbedding.of(loaded, settings.gallery())) {
      return new IndexBuilder(root, gallery.gallery(), loaded.embedder(), cache).build(settings);
    }
  }
}
