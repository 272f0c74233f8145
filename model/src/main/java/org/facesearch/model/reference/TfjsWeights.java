package org.facesearch.model.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Weights in TensorFlow.js's layout: a JSON manifest (groups of named float32 tensors, each group
 * stored in one or more binary shards) and the shards, which hold the tensors back to back in
 * manifest order. A tensor is raw little-endian float32, or uint8 codes that stand for {@code code
 * * scale + min}. Tensors are handed out by name, each exactly once, so a loader that leaves one
 * unused or asks for one twice is caught rather than silently computing with the wrong layer.
 */
public final class TfjsWeights {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          // Manifests carry fields we do not need (e.g. the original dtype of a quantised tensor).
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  record Group(List<String> paths, List<Entry> weights) {}

  record Entry(String name, List<Long> shape, String dtype, Quantization quantization) {}

  record Quantization(String dtype, Double scale, Double min) {}

  /** One tensor: its manifest shape (TF.js order, e.g. HWIO for a convolution) and its values. */
  public record Tensor(String name, long[] shape, float[] values) {}

  private final Path manifest;
  private final Map<String, Tensor> tensors;
  private final Set<String> taken = new LinkedHashSet<>();

  private TfjsWeights(Path manifest, Map<String, Tensor> tensors) {
    this.manifest = manifest;
    this.tensors = tensors;
  }

  /**
   * Reads {@code manifest} and the shards it names (beside it), dequantising as it goes.
   *
   * @throws InvalidReferenceWeightsException naming the file when the manifest cannot be parsed, a
   *     shard is missing, or the shards do not hold exactly the bytes the manifest describes
   */
  public static TfjsWeights read(Path manifest) {
    List<Group> groups = parseManifest(manifest);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Group group : groups) {
      if (group.paths() == null || group.paths().isEmpty() || group.weights() == null) {
        throw new InvalidReferenceWeightsException(
            manifest + " has a weight group without shard paths or weights");
      }
      List<Path> shards = group.paths().stream().map(p -> manifest.resolveSibling(p)).toList();
      ByteBuffer bytes = readShards(shards);
      long expected = 0;
      for (Entry entry : group.weights()) {
        expected += checkEntry(manifest, entry);
      }
      if (bytes.remaining() != expected) {
        throw new InvalidReferenceWeightsException(
            describe(shards)
                + " holds "
                + bytes.remaining()
                + " bytes but "
                + manifest.getFileName()
                + " describes "
                + expected
                + "; the file is damaged or"
                + " belongs to another version of the model");
      }
      for (Entry entry : group.weights()) {
        Tensor tensor = decode(entry, bytes);
        if (tensors.putIfAbsent(entry.name(), tensor) != null) {
          throw new InvalidReferenceWeightsException(
              manifest + " names tensor " + entry.name() + " twice");
        }
      }
    }
    return new TfjsWeights(manifest, tensors);
  }

  /** Every tensor's name, in manifest order. */
  public List<String> names() {
    return List.copyOf(tensors.keySet());
  }

  /**
   * The tensor {@code name}, which must have {@code shape} (in the manifest's order) and must not
   * have been taken before.
   */
  public Tensor take(String name, long... shape) {
    Tensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new InvalidReferenceWeightsException(
          manifest + " has no tensor " + name + "; it is not the model this loader reads");
    }
    if (!taken.add(name)) {
      throw new IllegalStateException("tensor " + name + " of " + manifest + " was taken twice");
    }
    if (!Arrays.equals(tensor.shape(), shape)) {
      throw new InvalidReferenceWeightsException(
          manifest
              + ": tensor "
              + name
              + " has shape "
              + Arrays.toString(tensor.shape())
              + " but the network needs "
              + Arrays.toString(shape));
    }
    return tensor;
  }

  /** Fails unless every tensor has been taken: a leftover one means the network lacks a layer. */
  public void requireAllTaken() {
    List<String> left = new ArrayList<>(tensors.keySet());
    left.removeAll(taken);
    if (!left.isEmpty()) {
      throw new InvalidReferenceWeightsException(
          manifest
              + " holds "
              + left.size()
              + " tensors the network has no place for, e.g. "
              + left.getFirst());
    }
  }

  private static List<Group> parseManifest(Path manifest) {
    try {
      Group[] groups = JSON.readValue(Files.readAllBytes(manifest), Group[].class);
      return List.of(groups);
    } catch (NoSuchFileException e) {
      throw new InvalidReferenceWeightsException(
          "weights manifest " + manifest + " does not exist");
    } catch (IOException e) {
      throw new InvalidReferenceWeightsException("cannot read " + manifest + ": " + e, e);
    } catch (JacksonException | NullPointerException e) {
      throw new InvalidReferenceWeightsException(
          manifest + " is not a TensorFlow.js weights manifest: " + e.getMessage(), e);
    }
  }

  /** The entry's size in the shards, after checking it is a form this reader decodes. */
  private static long checkEntry(Path manifest, Entry entry) {
    if (entry.name() == null || entry.shape() == null) {
      throw new InvalidReferenceWeightsException(
          manifest + " has a weight without a name or shape");
    }
    if (!"float32".equals(entry.dtype())) {
      throw new InvalidReferenceWeightsException(
          manifest
              + ": tensor "
              + entry.name()
              + " is "
              + entry.dtype()
              + "; only float32 is read");
    }
    long count = 1;
    for (long d : entry.shape()) {
      if (d < 1) {
        throw new InvalidReferenceWeightsException(
            manifest + ": tensor " + entry.name() + " has shape " + entry.shape());
      }
      count *= d;
    }
    Quantization q = entry.quantization();
    if (q == null) {
      return count * Float.BYTES;
    }
    if (!"uint8".equals(q.dtype()) || q.scale() == null || q.min() == null) {
      throw new InvalidReferenceWeightsException(
          manifest
              + ": tensor "
              + entry.name()
              + " is quantised as "
              + q.dtype()
              + "; only uint8 with scale and min is read");
    }
    return count;
  }

  private static Tensor decode(Entry entry, ByteBuffer bytes) {
    long[] shape = entry.shape().stream().mapToLong(Long::longValue).toArray();
    int count = Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
    float[] values = new float[count];
    Quantization q = entry.quantization();
    if (q == null) {
      bytes.asFloatBuffer().get(values);
      bytes.position(bytes.position() + count * Float.BYTES);
    } else {
      // In double, then rounded once, as TF.js computes it.
      double scale = q.scale();
      double min = q.min();
      for (int i = 0; i < count; i++) {
        values[i] = (float) ((bytes.get() & 0xFF) * scale + min);
      }
    }
    return new Tensor(entry.name(), shape, values);
  }

  private static ByteBuffer readShards(List<Path> shards) {
    try {
      byte[] all = new byte[0];
      for (Path shard : shards) {
        byte[] more = Files.readAllBytes(shard);
        byte[] joined = Arrays.copyOf(all, all.length + more.length);
        System.arraycopy(more, 0, joined, all.length, more.length);
        all = joined;
      }
      return ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    } catch (NoSuchFileException e) {
      throw new InvalidReferenceWeightsException("weights file " + e.getFile() + " does not exist");
    } catch (IOException e) {
      throw new InvalidReferenceWeightsException("cannot read " + describe(shards) + ": " + e, e);
    }
  }

  private static String describe(List<Path> shards) {
    return shards.size() == 1 ? shards.getFirst().toString() : shards.toString();
  }

  /**
   * Copies a tensor's values into a network parameter, refusing a size mismatch by naming both
   * sides (a manifest of another network version, read into this block).
   */
  static void copyInto(Parameter parameter, float[] values, String source) {
    NDArray array = parameter.getArray();
    if (array.size() != values.length) {
      throw new InvalidReferenceWeightsException(
          "tensor "
              + source
              + " has "
              + values.length
              + " values but the network's "
              + parameter.getName()
              + " has "
              + array.size());
    }
    array.set(values);
  }
}
