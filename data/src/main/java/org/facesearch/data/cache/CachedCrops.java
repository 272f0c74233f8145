package org.facesearch.data.cache;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.facesearch.data.FaceImage;
import org.facesearch.data.ImageNotFoundException;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;

/**
 * Preprocessed crops of a dataset (or subset), memory-mapped from the cache file: the pixels stay
 * in the page cache, not the heap, so even 650 MB of 128x128 crops load instantly. Index {@code i}
 * follows the dataset's image order. Labels number the identities 0..n-1 in name order. Thread-safe
 * for reading; close it to unmap the file.
 */
public final class CachedCrops implements AutoCloseable {
  private final Arena arena;
  private final MemorySegment pixels;
  private final Path file;
  private final String fingerprint;
  private final Preprocessing preprocessing;
  private final boolean built;
  private final List<FaceImage> images;
  private final Map<String, Integer> indexByKey;
  private final List<String> identities;
  private final int[] labels;
  private final List<int[]> indicesByLabel;
  private final int cropBytes;
  private int fallbacks = -1;

  CachedCrops(
      Arena arena,
      MemorySegment pixels,
      Path file,
      String fingerprint,
      Preprocessing preprocessing,
      List<FaceImage> images,
      boolean built) {
    this.arena = arena;
    this.pixels = pixels;
    this.file = file;
    this.fingerprint = fingerprint;
    this.preprocessing = preprocessing;
    this.built = built;
    this.images = List.copyOf(images);
    this.cropBytes = preprocessing.color().channels() * preprocessing.size() * preprocessing.size();
    this.indexByKey = new HashMap<>(images.size() * 2);
    Map<String, List<Integer>> byIdentity = new LinkedHashMap<>();
    for (int i = 0; i < images.size(); i++) {
      indexByKey.put(images.get(i).key(), i);
      byIdentity.computeIfAbsent(images.get(i).identity(), name -> new ArrayList<>()).add(i);
    }
    this.identities = List.copyOf(byIdentity.keySet());
    this.labels = new int[images.size()];
    List<int[]> groups = new ArrayList<>();
    for (List<Integer> group : byIdentity.values()) {
      int label = groups.size();
      group.forEach(i -> labels[i] = label);
      groups.add(group.stream().mapToInt(Integer::intValue).toArray());
    }
    this.indicesByLabel = List.copyOf(groups);
  }

  /** Number of crops. */
  public int size() {
    return images.size();
  }

  /** Crop {@code i} as a new {@link FaceCrop}. */
  public FaceCrop crop(int i) {
    byte[] out = new byte[cropBytes];
    copyPixels(i, out, 0);
    int size = preprocessing.size();
    return new FaceCrop(preprocessing.color().channels(), size, size, out);
  }

  /**
   * Copies crop {@code i}'s CHW bytes into {@code target} at {@code offset}: batches without
   * garbage.
   */
  public void copyPixels(int i, byte[] target, int offset) {
    Objects.checkIndex(i, images.size());
    MemorySegment.copy(
        pixels, ValueLayout.JAVA_BYTE, (long) i * cropBytes, target, offset, cropBytes);
  }

  /** Bytes per crop: channels x size x size. */
  public int cropBytes() {
    return cropBytes;
  }

  public FaceImage image(int i) {
    return images.get(i);
  }

  public List<FaceImage> images() {
    return images;
  }

  public boolean contains(FaceImage image) {
    return indexByKey.containsKey(image.key());
  }

  /**
   * The index of {@code image}.
   *
   * @throws ImageNotFoundException if it is not among these crops
   */
  public int indexOf(FaceImage image) {
    return indexOf(image.key());
  }

  /**
   * The index of the image with {@code key}, e.g. {@code Aaron_Eckhart_0001}.
   *
   * @throws ImageNotFoundException if it is not among these crops
   */
  public int indexOf(String key) {
    Integer index = indexByKey.get(key);
    if (index == null) {
      throw new ImageNotFoundException(
          key + " is not among the " + size() + " cached crops of " + file);
    }
    return index;
  }

  /** The indices of {@code images}, in their order (e.g. one part of a split). */
  public int[] indicesOf(Collection<FaceImage> images) {
    return images.stream().mapToInt(this::indexOf).toArray();
  }

  /** The identity label of crop {@code i}: its person's position in {@link #identities()}. */
  public int label(int i) {
    return labels[Objects.checkIndex(i, labels.length)];
  }

  /** The people, by name; label {@code l} is {@code identities().get(l)}. */
  public List<String> identities() {
    return identities;
  }

  /** The crop indices of the person with {@code label}, in image order. */
  public int[] indicesOfLabel(int label) {
    return indicesByLabel.get(label).clone();
  }

  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /** SHA-256 of the request and the dataset content the crops were made from (hex). */
  public String fingerprint() {
    return fingerprint;
  }

  public Path file() {
    return file;
  }

  CachedCrops withFallbacks(int count) {
    this.fallbacks = count;
    return this;
  }

  /**
   * When this load built aligned crops: how many images had no face found and were framed fixed
   * instead; empty for a file that was already there, or crops without alignment.
   */
  public OptionalInt fallbacks() {
    return fallbacks < 0 ? OptionalInt.empty() : OptionalInt.of(fallbacks);
  }

  /** Whether this load had to decode the images (no current cache file existed). */
  public boolean built() {
    return built;
  }

  @Override
  public void close() {
    arena.close();
  }

  @Override
  public String toString() {
    return "CachedCrops[" + size() + " x " + preprocessing + ", " + file + "]";
  }
}
