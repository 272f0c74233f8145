package org.facesearch.model.bundle;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.facesearch.model.arch.FaceNetwork;

/**
 * A network's parameters in DJL's block encoding ({@code .params}), with the SHA-256 that
 * model.json records. Reading checks the hash and that every parameter has the shape the
 * architecture needs: DJL itself loads a tensor of any shape into a parameter of the same name.
 */
final class WeightsFile {
  private WeightsFile() {}

  /** Writes the parameters and returns their SHA-256 in hex. */
  static String write(FaceNetwork network, Path file) throws IOException {
    network.flushSubnormalWeights();
    MessageDigest sha = sha256();
    try (OutputStream raw = Files.newOutputStream(file);
        DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(raw, sha)))) {
      network.saveParameters(out);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static String sha256Of(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Loads {@code file} into a fresh network of {@code spec}'s shape, its arrays on {@code manager}.
   * The file is hashed as it is read, so a file changed since the bundle was opened is caught too.
   */
  static FaceNetwork read(Path file, BundleMetadata metadata, NDManager manager) {
    ModelSpec spec = metadata.spec();
    FaceNetwork network = spec.newNetwork();
    Map<String, Shape> expected = new LinkedHashMap<>();
    try (NDManager scratch = manager.newSubManager()) {
      // Initialising fixes every parameter's shape; the random values are dropped at once.
      network.initialize(scratch, spec.input().channels());
      for (Pair<String, Parameter> p : network.getParameters()) {
        expected.put(p.getKey(), p.getValue().getShape());
      }
    }
    MessageDigest sha = sha256();
    Exception structureError = null;
    boolean trailingBytes = false;
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream digesting = new DigestInputStream(raw, sha);
        DataInputStream in = new DataInputStream(new BufferedInputStream(digesting))) {
      try {
        network.loadParameters(manager, in);
        trailingBytes = in.read() != -1;
      } catch (IOException | MalformedModelException | RuntimeException e) {
        structureError = e;
      }
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new InvalidModelBundleException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String actual = HexFormat.of().formatHex(sha.digest());
    if (!actual.equals(metadata.weightsSha256())) {
      throw damaged(file, actual, metadata.weightsSha256());
    }
    String fits = "does not fit " + describe(spec);
    if (structureError != null) {
      throw new InvalidModelBundleException(
          file + " " + fits + ": " + structureError.getMessage(), structureError);
    }
    if (trailingBytes) {
      throw new InvalidModelBundleException(
          file + " " + fits + ": it holds more parameters than the architecture has");
    }
    for (Pair<String, Parameter> p : network.getParameters()) {
      Shape want = expected.get(p.getKey());
      Shape got = p.getValue().getArray().getShape();
      if (!got.equals(want)) {
        throw new InvalidModelBundleException(
            file
                + " "
                + fits
                + ": parameter "
                + p.getKey()
                + " has shape "
                + got
                + " but the"
                + " architecture needs "
                + want);
      }
    }
    network.flushSubnormalWeights();
    return network;
  }

  static InvalidModelBundleException damaged(Path file, String actual, String recorded) {
    return new InvalidModelBundleException(
        file
            + " is damaged or was replaced: its SHA-256 is "
            + actual
            + " but model.json records "
            + recorded);
  }

  private static String describe(ModelSpec spec) {
    return spec.architecture().id()
        + " with head '"
        + spec.head().id()
        + "' ("
        + spec.input().channels()
        + " input channels)";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
