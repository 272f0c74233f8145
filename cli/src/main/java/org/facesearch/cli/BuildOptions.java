package org.facesearch.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.facesearch.data.DataLocation;
import org.facesearch.data.Workspace;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.GalleryVectors;
import org.facesearch.indexer.HnswParams;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What a build indexes and how. Options left out take their value from {@code base} (the serving
 * build, when re-indexing) or else the defaults: all of LFW, Lucene's HNSW defaults.
 */
final class BuildOptions {
  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "LFW folder (default: --data, $FACESEARCH_DATA, or the workspace's).")
  Path data;

  @Option(
      names = "--min-faces",
      paramLabel = "N",
      description = "Index only people with at least N photos (default 1: everyone).")
  Integer minFaces;

  @Option(
      names = "--m",
      paramLabel = "M",
      description = "HNSW max connections per node (default 16).")
  Integer maxConnections;

  @Option(
      names = "--beam-width",
      paramLabel = "B",
      description = "HNSW beam width while building (default 100).")
  Integer beamWidth;

  @Option(
      names = "--quantized",
      negatable = true,
      description = "Search an 8-bit scalar-quantised graph (scores are still exact).")
  Boolean quantized;

  @Option(
      names = "--gallery",
      paramLabel = "VECTORS",
      description =
          "What embeds the gallery: model (default; the model that embeds queries) or teacher (a"
              + " distilled model's teacher, in the model's space: better look-alikes, slower"
              + " builds; needs `facesearch models teacher-space` once). A reindex keeps the"
              + " serving build's.")
  String gallery;

  BuildSettings settings(Optional<BuildManifest> base, String modelSource) {
    Path dataRoot =
        data == null && base.isPresent()
            ? base.get().dataRootPath()
            : DataLocation.resolve(
                data, System.getenv(), Workspace.fromEnvironment(System.getenv()));
    HnswParams hnsw = hnsw(base);
    int faces = minFaces != null ? minFaces : base.map(BuildManifest::minFaces).orElse(1);
    if (faces < 1) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "--min-faces must be at least 1, got " + faces);
    }
    GalleryVectors vectors;
    try {
      vectors =
          gallery != null
              ? GalleryVectors.fromId(gallery)
              : base.map(BuildManifest::gallery).orElse(GalleryVectors.MODEL);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(mixee.commandLine(), "--gallery: " + e.getMessage());
    }
    return new BuildSettings(dataRoot, faces, hnsw, modelSource, vectors);
  }

  /** The graph parameters alone, for work that indexes no LFW images (synthetic vectors). */
  HnswParams hnsw(Optional<BuildManifest> base) {
    HnswParams baseHnsw = base.map(BuildManifest::hnsw).orElse(HnswParams.DEFAULT);
    return new HnswParams(
        maxConnections != null ? maxConnections : baseHnsw.maxConnections(),
        beamWidth != null ? beamWidth : baseHnsw.beamWidth(),
        quantized != null ? quantized : baseHnsw.quantized());
  }
}
