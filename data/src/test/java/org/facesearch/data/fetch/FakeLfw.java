package org.facesearch.data.fetch;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A small LFW look-alike built by the tests: a .tgz of real JPEGs for a few made-up people, six
 * protocol files, and a {@link FetchPlan} with the SHA-256 sums of exactly these bytes.
 */
final class FakeLfw {
  static final String ARCHIVE = "lfw-fake.tgz";
  static final String TOP = "lfw-fake";

  /** Image path under images/ -> JPEG bytes. */
  final Map<String, byte[]> images = new LinkedHashMap<>();

  final Map<String, byte[]> protocolFiles = new LinkedHashMap<>();
  final byte[] archive;

  FakeLfw() throws IOException {
    this(List.of());
  }

  /** With extra tar entries (name -> content) appended after the real ones. */
  FakeLfw(List<Map.Entry<String, byte[]>> extraEntries) throws IOException {
    Random random = new Random(3);
    String[][] people = {{"Ada_Lovelace", "3"}, {"Alan_Turing", "2"}, {"Grace_Hopper", "1"}};
    for (String[] person : people) {
      for (int i = 1; i <= Integer.parseInt(person[1]); i++) {
        String file = String.format("%s/%s_%04d.jpg", person[0], person[0], i);
        images.put(file, jpeg(random));
      }
    }
    for (String name : LfwVariant.protocolFiles().stream().map(RemoteFile::name).toList()) {
      protocolFiles.put(
          name, ("fake " + name + "\n1\nAda_Lovelace\t1\t2\n").getBytes(StandardCharsets.UTF_8));
    }
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
    images.forEach((path, bytes) -> entries.add(Map.entry(TOP + "/" + path, bytes)));
    entries.add(
        Map.entry(TOP + "/pairs_01.txt", "not an image\n".getBytes(StandardCharsets.UTF_8)));
    entries.addAll(extraEntries);
    archive = tgz(entries);
  }

  void serveFrom(LfwMirror mirror) {
    mirror.put(ARCHIVE, archive);
    protocolFiles.forEach(mirror::put);
  }

  FetchPlan plan(java.net.URI base) {
    return new FetchPlan(
        base,
        new RemoteFile(ARCHIVE, Checksum.sha256(sha256(archive))),
        protocolFiles.entrySet().stream()
            .map(e -> new RemoteFile(e.getKey(), Checksum.sha256(sha256(e.getValue()))))
            .toList());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A 64x64 JPEG of noise with a coloured square: incompressible enough to make a real download.
   */
  private static byte[] jpeg(Random random) throws IOException {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(random.nextInt(1 << 24)));
    g.fillRect(16, 16, 32, 32);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  static byte[] tgz(List<Map.Entry<String, byte[]>> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : entries) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Every path under {@code root}, relative, for asserting that nothing was left behind. */
  static List<String> listing(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      return paths
          .filter(p -> !p.equals(root))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
