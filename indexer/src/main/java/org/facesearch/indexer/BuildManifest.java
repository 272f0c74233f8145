package org.facesearch.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code build.json}: what a build holds and how it was made. The reindexer compares {@code
 * modelId} and {@code dataFingerprint} with the present ones to decide whether to rebuild. {@code
 * images} counts what the build indexed; enrolments made later add documents beyond it. {@code
 * modelSource} says where the model was loaded from (see {@link BuildSettings}). {@code lookAlike}
 * is the build's look-alike calibration; {@code noLookAlike} says why it has none when its gallery
 * cannot fit one. {@code gallery} says what embedded the gallery (the model, or its teacher in its
 * space). Every build writes one of the two, so a manifest with neither was made before facesearch
 * fitted them ({@link #predatesLookAlikes()}), and a reindex rebuilds it.
 */
public record BuildManifest(
    String modelId,
    String modelSource,
    int dimension,
    int images,
    int identities,
    double seconds,
    String createdAt,
    String dataRoot,
    String dataFingerprint,
    int minFaces,
    HnswParams hnsw,
    LookAlikeCalibration lookAlike,
    NoLookAlikeFit noLookAlike,
    GalleryVectors gallery) {

  public static final String FILE = "build.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public BuildManifest {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(modelSource, "modelSource");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(dataRoot, "dataRoot");
    Objects.requireNonNull(dataFingerprint, "dataFingerprint");
    Objects.requireNonNull(hnsw, "hnsw");
    // Builds made before a teacher could embed the gallery say nothing: the model embedded it.
    gallery = gallery == null ? GalleryVectors.MODEL : gallery;
    if (lookAlike != null && noLookAlike != null) {
      throw new IllegalArgumentException(
          "a build has a look-alike calibration or says why it has none ("
              + noLookAlike
              + "), not both");
    }
  }

  /** A manifest to fill in by name; {@link Builder#build} checks it. */
  public static Builder builder() {
    return new Builder();
  }

  /** This manifest's values in a builder, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .modelId(modelId)
        .modelSource(modelSource)
        .dimension(dimension)
        .images(images)
        .identities(identities)
        .seconds(seconds)
        .createdAt(createdAt)
        .dataRoot(dataRoot)
        .dataFingerprint(dataFingerprint)
        .minFaces(minFaces)
        .hnsw(hnsw)
        .lookAlike(lookAlike)
        .noLookAlike(noLookAlike)
        .gallery(gallery);
  }

  /**
   * Collects a manifest's values by name. It checks nothing itself: {@link #build} goes through the
   * record's constructor, the one place a manifest is checked, whether built or read from JSON.
   */
  public static final class Builder {
    private String modelId;
    private String modelSource;
    private int dimension;
    private int images;
    private int identities;
    private double seconds;
    private String createdAt;
    private String dataRoot;
    private String dataFingerprint;
    private int minFaces;
    private HnswParams hnsw;
    private GalleryVectors gallery;
    private LookAlikeCalibration lookAlike;
    private NoLookAlikeFit noLookAlike;

    private Builder() {}

    public Builder modelId(String modelId) {
      this.modelId = modelId;
      return this;
    }

    /** Where the model was loaded from (see {@link BuildSettings}). */
    public Builder modelSource(String modelSource) {
      this.modelSource = modelSource;
      return this;
    }

    public Builder dimension(int dimension) {
      this.dimension = dimension;
      return this;
    }

    /** How many images the build indexed (enrolments made later add documents beyond it). */
    public Builder images(int images) {
      this.images = images;
      return this;
    }

    public Builder identities(int identities) {
      this.identities = identities;
      return this;
    }

    /** How long the build took. */
    public Builder seconds(double seconds) {
      this.seconds = seconds;
      return this;
    }

    /** When the build started, as an ISO-8601 instant. */
    public Builder createdAt(String createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /** The LFW folder the build's LFW image paths are relative to. */
    public Builder dataRoot(String dataRoot) {
      this.dataRoot = dataRoot;
      return this;
    }

    public Builder dataFingerprint(String dataFingerprint) {
      this.dataFingerprint = dataFingerprint;
      return this;
    }

    public Builder minFaces(int minFaces) {
      this.minFaces = minFaces;
      return this;
    }

    public Builder gallery(GalleryVectors gallery) {
      this.gallery = gallery;
      return this;
    }

    public Builder hnsw(HnswParams hnsw) {
      this.hnsw = hnsw;
      return this;
    }

    /** The build's look-alike calibration; null (the default) for none. */
    public Builder lookAlike(LookAlikeCalibration lookAlike) {
      this.lookAlike = lookAlike;
      return this;
    }

    /** Why the build has no look-alike calibration; null (the default) when it has one. */
    public Builder noLookAlike(NoLookAlikeFit noLookAlike) {
      this.noLookAlike = noLookAlike;
      return this;
    }

    /** What a new build's look-alike searches gave: its calibration, or why there is none. */
    public Builder lookAlikeFit(LookAlikeSearches.Fit fit) {
      return switch (fit) {
        case LookAlikeSearches.Fit.Fitted fitted ->
            lookAlike(fitted.calibration()).noLookAlike(null);
        case LookAlikeSearches.Fit.NotFitted notFitted ->
            lookAlike(null).noLookAlike(notFitted.why());
      };
    }

    /**
     * The manifest.
     *
     * @throws NullPointerException naming the first text value or HNSW parameters not given
     * @throws IllegalArgumentException for both a look-alike calibration and a reason for none
     */
    public BuildManifest build() {
      return new BuildManifest(
          modelId,
          modelSource,
          dimension,
          images,
          identities,
          seconds,
          createdAt,
          dataRoot,
          dataFingerprint,
          minFaces,
          hnsw,
          lookAlike,
          noLookAlike,
          gallery);
    }
  }

  /** The build's look-alike calibration, if it has one. */
  public Optional<LookAlikeCalibration> lookAlikeCalibration() {
    return Optional.ofNullable(lookAlike);
  }

  /**
   * Why the build has no look-alike calibration; empty when it has one, or when it was made before
   * facesearch fitted them ({@link #predatesLookAlikes()}).
   */
  public Optional<NoLookAlikeFit> noLookAlikeFit() {
    return Optional.ofNullable(noLookAlike);
  }

  /**
   * Whether the build was made before facesearch fitted look-alike calibrations: it has none and
   * does not say why. A build of a gallery too small to fit one says so, and is not such a build.
   */
  public boolean predatesLookAlikes() {
    return lookAlike == null && noLookAlike == null;
  }

  /** The LFW copy the build's {@link GallerySource#LFW} image paths are relative to. */
  public Path dataRootPath() {
    return Path.of(dataRoot);
  }

  /** The manifest as JSON, for stores that keep it elsewhere than in a file. */
  public String toJson() {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
  }

  /**
   * Parses a manifest {@link #toJson} wrote; {@code where} names its place for the message.
   *
   * @throws InvalidIndexException naming {@code where} if it is malformed
   */
  public static BuildManifest fromJson(String json, String where) {
    try {
      return JSON.readValue(json, BuildManifest.class);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new InvalidIndexException("malformed " + where + ": " + e.getMessage());
    }
  }

  public void writeTo(Path buildDir) {
    try {
      Files.writeString(buildDir.resolve(FILE), toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + buildDir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a build's manifest.
   *
   * @throws InvalidIndexException naming the file if it is missing or malformed
   */
  public static BuildManifest readFrom(Path buildDir) {
    Path file = buildDir.resolve(FILE);
    try {
      return JSON.readValue(Files.readString(file), BuildManifest.class);
    } catch (IOException e) {
      throw new InvalidIndexException("cannot read " + file + ": " + e.getMessage());
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new InvalidIndexException("malformed " + file + ": " + e.getMessage());
    }
  }
}
