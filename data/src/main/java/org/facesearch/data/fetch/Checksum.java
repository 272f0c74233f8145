package org.facesearch.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The published digest of a file. SHA-256 wherever one is published; MD5 only where the publisher
 * gives nothing stronger (LFW's own site lists MD5 sums), as a guard against truncated or corrupted
 * downloads rather than tampering.
 */
public record Checksum(String algorithm, String hex) {

  public Checksum {
    Objects.requireNonNull(algorithm, "algorithm");
    hex = hex.toLowerCase(Locale.ROOT);
    int expected =
        switch (algorithm) {
          case "SHA-256" -> 64;
          case "MD5" -> 32;
          default -> throw new IllegalArgumentException("unsupported digest " + algorithm);
        };
    if (hex.length() != expected || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "a " + algorithm + " checksum is " + expected + " hex digits, got '" + hex + "'");
    }
  }

  public static Checksum sha256(String hex) {
    return new Checksum("SHA-256", hex);
  }

  public static Checksum md5(String hex) {
    return new Checksum("MD5", hex);
  }

  /** This algorithm's digest of {@code file}, in lower-case hex. */
  public String digestOf(Path file) throws IOException {
    return digest(algorithm, file);
  }

  private static String digest(String algorithm, Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public String toString() {
    return algorithm + " " + hex;
  }
}
