package org.facesearch.trainer.distill;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A teacher model's embeddings of LFW images, keyed by image ({@code Name_0001}) and stamped with
 * the teacher's model id: computed once, then read by every distillation run. A teacher may be slow
 * and take its own crops (the dlib ResNet takes 150x150), so the student trains against these
 * stored vectors instead of running it.
 *
 * <p>File: magic, format, model id, dimension, count, then (key, vector) entries sorted by key, and
 * the SHA-256 of all of that last. Written to a temporary file and renamed, so a reader sees the
 * old file or the new one; a file whose checksum does not match is refused.
 */
public final class TeacherEmbeddings {
  private static final byte[] MAGIC = "FSTEACH\n".getBytes(StandardCharsets.US_ASCII);
  private static final int FORMAT = 1;
  private static final int SHA_BYTES = 32;

  private final String modelId;
  private final int dimension;
  private final Map<String, float[]> vectors;

  /**
   * @param vectors by image key; each of length {@code dimension}
   */
  public TeacherEmbeddings(String modelId, int dimension, Map<String, float[]> vectors) {
    if (modelId == null || modelId.isBlank()) {
      throw new IllegalArgumentException("a teacher model id is needed");
    }
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
    }
    Map<String, float[]> copy = new TreeMap<>();
    vectors.forEach(
        (key, v) -> {
          if (v.length != dimension) {
            throw new IllegalArgumentException(
                "vector of " + key + " has " + v.length + " values, not " + dimension);
          }
          copy.put(key, v.clone());
        });
    this.modelId = modelId;
    this.dimension = dimension;
    this.vectors = Collections.unmodifiableMap(copy);
  }

  /** Where the embeddings of the teacher {@code modelId} are kept under a cache folder. */
  public static Path fileIn(Path cacheDir, String modelId) {
    String safe = modelId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 60) {
      safe = safe.substring(0, 60);
    }
    return cacheDir
        .resolve("teachers")
        .resolve(
            safe
                + "-"
                + sha256(modelId.getBytes(StandardCharsets.UTF_8)).substring(0, 12)
                + ".bin");
  }

  public String modelId() {
    return modelId;
  }

  public int dimension() {
    return dimension;
  }

  public int size() {
    return vectors.size();
  }

  /** The teacher's vector for image {@code key}, if stored. */
  public Optional<float[]> vector(String key) {
    float[] v = vectors.get(key);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  /** These embeddings plus {@code more} (same teacher and dimension). */
  public TeacherEmbeddings with(Map<String, float[]> more) {
    Map<String, float[]> all = new TreeMap<>(vectors);
    all.putAll(more);
    return new TeacherEmbeddings(modelId, dimension, all);
  }

  /** Writes the file atomically, replacing an older one. */
  public void write(Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(FORMAT);
      out.writeUTF(modelId);
      out.writeInt(dimension);
      out.writeInt(vectors.size());
      for (Map.Entry<String, float[]> e : vectors.entrySet()) {
        out.writeUTF(e.getKey());
        for (float x : e.getValue()) {
          out.writeFloat(x);
        }
      }
    }
    byte[] body = bytes.toByteArray();
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
    try {
      byte[] all = Arrays.copyOf(body, body.length + SHA_BYTES);
      System.arraycopy(HexFormat.of().parseHex(sha256(body)), 0, all, body.length, SHA_BYTES);
      Files.write(temp, all);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /**
   * Reads a file written by {@link #write}, empty when there is none.
   *
   * @throws InvalidTeacherEmbeddingsException when it is damaged or not such a file
   */
  public static Optional<TeacherEmbeddings> read(Path file) throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (all.length < MAGIC.length + SHA_BYTES
        || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new InvalidTeacherEmbeddingsException(
          file
              + " is not a teacher-embeddings file; delete it and the embeddings will be computed again");
    }
    byte[] body = Arrays.copyOf(all, all.length - SHA_BYTES);
    String stored = HexFormat.of().formatHex(all, body.length, all.length);
    if (!stored.equals(sha256(body))) {
      throw new InvalidTeacherEmbeddingsException(
          file
              + " is damaged (its SHA-256 does not match its contents); delete it and the embeddings"
              + " will be computed again");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
      in.skipNBytes(MAGIC.length);
      int format = in.readInt();
      if (format != FORMAT) {
        throw new InvalidTeacherEmbeddingsException(
            file
                + " has format "
                + format
                + "; this facesearch reads format "
                + FORMAT
                + "; delete it and the embeddings will be computed again");
      }
      String modelId = in.readUTF();
      int dimension = in.readInt();
      int count = in.readInt();
      if (dimension < 1 || count < 0 || (long) count * dimension * Float.BYTES > body.length) {
        throw new InvalidTeacherEmbeddingsException(
            file + " claims " + count + " vectors of " + dimension + " values, more than it holds");
      }
      Map<String, float[]> vectors = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        String key = in.readUTF();
        float[] v = new float[dimension];
        for (int k = 0; k < dimension; k++) {
          v[k] = in.readFloat();
        }
        vectors.put(key, v);
      }
      if (in.available() != 0) {
        throw new InvalidTeacherEmbeddingsException(
            file + " has " + in.available() + " bytes after its last vector");
      }
      return Optional.of(new TeacherEmbeddings(modelId, dimension, vectors));
    } catch (EOFException e) {
      throw new InvalidTeacherEmbeddingsException(file + " ends in the middle of a vector", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
