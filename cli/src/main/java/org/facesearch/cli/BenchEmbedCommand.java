package org.facesearch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.facesearch.bench.EmbedBenchmark;
import org.facesearch.data.LfwDataset;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.searcher.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch bench embed}: images/s of decode + crop + embed + index per batch size. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = {
      "Time the indexing pipeline from JPEG files (decode, crop, embed, add to an HNSW index) on"
          + " a seeded sample of LFW photos at several embedder batch sizes; prints images/s and"
          + " where the time goes. No crop cache is used; the serving index is not touched."
    })
final class BenchEmbedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;
  @Mixin BuildOptions build;

  @Option(
      names = "--images",
      paramLabel = "N",
      description = "Photos per batch size (default 512).")
  int images = 512;

  @Option(
      names = "--batch-sizes",
      paramLabel = "B",
      split = ",",
      description = "Embedder batch sizes (default 1,8,32,64,256).")
  List<Integer> batchSizes = List.of(1, 8, 32, 64, 256);

  @Option(names = "--seed", paramLabel = "S", description = "Seed for the sample (default 42).")
  long seed = 42;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (LoadedModel loaded = model.load(index.root())) {
      BuildSettings settings = build.settings(Optional.empty(), loaded.source());
      EmbedBenchmark.Report report =
          new EmbedBenchmark(loaded.embedder(), settings.hnsw())
              .run(
                  LfwDataset.open(settings.dataRoot()).subset(settings.minFaces()).images(),
                  images,
                  batchSizes,
                  seed);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, report);
        return 0;
      }
      out.printf(
          "model %s (%d dimensions), HNSW %s, %d photos per batch size, CPU%n",
          report.modelId(), report.dimension(), report.hnsw(), images);
      out.printf(
          "%6s %10s %14s %10s %10s %10s%n",
          "batch", "images/s", "decode+crop s", "embed s", "index s", "total s");
      for (EmbedBenchmark.Run run : report.runs()) {
        out.printf(
            "%6d %10.1f %14.2f %10.2f %10.2f %10.2f%n",
            run.batchSize(),
            run.imagesPerSecond(),
            run.decodeCropSeconds(),
            run.embedSeconds(),
            run.indexSeconds(),
            run.totalSeconds());
      }
      out.flush();
      return 0;
    }
  }
}
