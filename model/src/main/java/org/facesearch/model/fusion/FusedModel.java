package org.facesearch.model.fusion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.facesearch.data.FileTrees;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.InvalidModelBundleException;
import org.facesearch.model.bundle.TrainingRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link FusedEmbedder}'s model on disk: a folder holding {@value #METADATA_FILE} (the parts'
 * weights and how they were chosen) and a copy of each part's own model folder ({@code part-1},
 * {@code part-2}, ...), each checked by its own loader, so the fused model keeps working when the
 * parts' original folders move or go. Written atomically.
 */
public final class FusedModel {
  public static final String METADATA_FILE = "model.json";

  /** The {@code kind} in model.json that marks a fused model. */
  public static final String KIND = "fusion";

  private static final int FORMAT_VERSION = 1;

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** One part: its folder inside the fused model's, its weight and its model id. */
  public record Part(String folder, double weight, String modelId) {
    public Part {
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(modelId, "modelId");
    }
  }

  record Metadata(int formatVersion, String kind, List<Part> parts, TrainingRecord training) {}

  private final Path directory;
  private final Metadata metadata;

  private FusedModel(Path directory, Metadata metadata) {
    this.directory = directory;
    this.metadata = metadata;
  }

  /** Whether {@code directory} holds a fused model. */
  public static boolean isFusedModel(Path directory) {
    return Files.isDirectory(directory.resolve("part-1"))
        && Files.isRegularFile(directory.resolve(METADATA_FILE));
  }

  /**
   * Copies each of {@code partFolders} into a new folder {@code directory} beside its metadata: all
   * in a temporary folder first, renamed at the end. An existing folder is never replaced.
   *
   * @param modelIds each part's model id, recorded so that a copy of another model is noticed
   */
  public static FusedModel write(
      Path directory,
      List<Path> partFolders,
      double[] weights,
      List<String> modelIds,
      TrainingRecord training)
      throws IOException {
    if (partFolders.size() < 2
        || partFolders.size() != weights.length
        || partFolders.size() != modelIds.size()) {
      throw new IllegalArgumentException(
          "a fused model needs two or more parts with one weight and one model id each");
    }
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < partFolders.size(); i++) {
      parts.add(new Part("part-" + (i + 1), weights[i], modelIds.get(i)));
    }
    Metadata metadata = new Metadata(FORMAT_VERSION, KIND, parts, training);
    Path target =
        FileTrees.createAtomically(
            directory,
            folder -> {
              for (int i = 0; i < partFolders.size(); i++) {
                copyTree(
                    partFolders.get(i).toAbsolutePath().normalize(),
                    folder.resolve(parts.get(i).folder()));
              }
              Files.write(folder.resolve(METADATA_FILE), JSON.writeValueAsBytes(metadata));
            });
    return new FusedModel(target, metadata);
  }

  /**
   * Reads the metadata; the parts are checked when {@link #embedder} loads them.
   *
   * @throws InvalidModelBundleException naming what is wrong
   */
  public static FusedModel open(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    Path json = dir.resolve(METADATA_FILE);
    Metadata m;
    try {
      m = JSON.readValue(Files.readAllBytes(json), Metadata.class);
    } catch (JacksonException e) {
      throw new InvalidModelBundleException(
          json + " is not a readable fused model description: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidModelBundleException("cannot read " + json + ": " + e, e);
    }
    if (m.formatVersion() != FORMAT_VERSION || !KIND.equals(m.kind())) {
      throw new InvalidModelBundleException(
          json + " describes a " + m.kind() + " model; this facesearch reads " + KIND + " models");
    }
    if (m.parts() == null || m.parts().size() < 2 || m.training() == null) {
      throw new InvalidModelBundleException(json + " lists fewer than two parts or no training");
    }
    for (Part part : m.parts()) {
      if (!Files.isDirectory(dir.resolve(part.folder())) || part.folder().contains("..")) {
        throw new InvalidModelBundleException(
            "fused model " + dir + " has no part folder " + part.folder());
      }
    }
    return new FusedModel(dir, m);
  }

  public Path directory() {
    return directory;
  }

  public List<Part> parts() {
    return metadata.parts();
  }

  public TrainingRecord training() {
    return metadata.training();
  }

  /** Names the parts and their weights (hashed, to keep build folder names short). */
  public String modelId() {
    StringBuilder parts = new StringBuilder();
    for (Part part : parts()) {
      parts.append(part.modelId()).append('@').append(part.weight()).append(';');
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(parts.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return KIND + "-" + java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /**
   * The fused embedder, each part loaded from its folder by {@code load} (the front end's model
   * loader, which knows every kind of model folder).
   *
   * @throws InvalidModelBundleException when a part loads as another model than the one recorded
   */
  public Embedder embedder(Function<Path, Embedder> load) {
    List<Embedder> loaded = new ArrayList<>();
    try {
      double[] weights = new double[parts().size()];
      for (int i = 0; i < parts().size(); i++) {
        Part part = parts().get(i);
        Embedder embedder = load.apply(directory.resolve(part.folder()));
        loaded.add(embedder);
        if (!embedder.modelId().equals(part.modelId())) {
          throw new InvalidModelBundleException(
              "fused model "
                  + directory
                  + ": "
                  + part.folder()
                  + " loads as "
                  + embedder.modelId()
                  + ", not the recorded "
                  + part.modelId()
                  + "; fuse the models again");
        }
        weights[i] = part.weight();
      }
      return new FusedEmbedder(modelId(), loaded, weights);
    } catch (RuntimeException e) {
      loaded.forEach(Embedder::close);
      throw e;
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : (Iterable<Path>) walk::iterator) {
        Path dest = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
