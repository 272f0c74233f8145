package org.facesearch.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.facesearch.data.DataSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LfwFetcherTest {
  @TempDir Path dataRoot;

  private LfwMirror mirror;
  private final ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
  private final LfwFetcher fetcher =
      new LfwFetcher(new PrintStream(progressBytes, true, StandardCharsets.UTF_8));

  @BeforeEach
  void startMirror() throws IOException {
    mirror = new LfwMirror();
  }

  @AfterEach
  void stopMirror() {
    mirror.close();
  }

  @Test
  void installsTheDatasetInLfwLayout() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    Path target = dataRoot.resolve("lfw");

    FetchOutcome outcome = fetcher.fetch(lfw.plan(mirror.base()), target, false);

    assertEquals(new FetchOutcome.Fetched(target, 3, 6), outcome);
    List<String> expected = new ArrayList<>(List.of("lfw"));
    expected.add("lfw/images");
    for (String person : List.of("Ada_Lovelace", "Alan_Turing", "Grace_Hopper")) {
      expected.add("lfw/images/" + person);
    }
    lfw.images.keySet().forEach(image -> expected.add("lfw/images/" + image));
    lfw.protocolFiles.keySet().forEach(name -> expected.add("lfw/" + name));
    assertEquals(expected.stream().sorted().toList(), FakeLfw.listing(dataRoot));
    for (var image : lfw.images.entrySet()) {
      Path file = target.resolve("images").resolve(image.getKey());
      assertArrayEquals(image.getValue(), Files.readAllBytes(file), image.getKey());
      assertNotNull(ImageIO.read(file.toFile()), "decodable " + file);
    }
    for (var protocol : lfw.protocolFiles.entrySet()) {
      assertArrayEquals(protocol.getValue(), Files.readAllBytes(target.resolve(protocol.getKey())));
    }
    assertTrue(
        progress().contains(FakeLfw.ARCHIVE), "a progress bar names the archive: " + progress());
  }

  @Test
  void aCompleteDatasetIsLeftAloneUnlessForced() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    Path target = dataRoot.resolve("lfw");
    fetcher.fetch(lfw.plan(mirror.base()), target, false);
    int requests = mirror.requests().size();

    assertEquals(
        new FetchOutcome.AlreadyPresent(target),
        fetcher.fetch(lfw.plan(mirror.base()), target, false));
    assertEquals(requests, mirror.requests().size(), "nothing downloaded");

    Files.writeString(target.resolve("images/stray.txt"), "left over");
    FetchOutcome forced = fetcher.fetch(lfw.plan(mirror.base()), target, true);
    assertInstanceOf(FetchOutcome.Fetched.class, forced);
    assertFalse(Files.exists(target.resolve("images/stray.txt")), "the old folder was replaced");
    assertEquals(
        List.of("lfw"), FakeLfw.listing(dataRoot).stream().filter(p -> !p.contains("/")).toList());
  }

  @Test
  void aFolderThatIsNotADatasetIsReplacedOnlyWithForce() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    Path target = dataRoot.resolve("lfw");
    Files.createDirectories(target);
    Files.writeString(target.resolve("notes.txt"), "mine");

    FetchException e =
        assertThrows(
            FetchException.class, () -> fetcher.fetch(lfw.plan(mirror.base()), target, false));
    assertTrue(e.getMessage().contains("not a complete LFW dataset"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; use the force option to replace it"), e.getMessage());
    assertEquals(Optional.of(DataSetting.FORCE), e.setting());
    assertEquals(List.of("lfw", "lfw/notes.txt"), FakeLfw.listing(dataRoot));
    assertTrue(mirror.requests().isEmpty());

    fetcher.fetch(lfw.plan(mirror.base()), target, true);
    assertFalse(Files.exists(target.resolve("notes.txt")));
    assertTrue(Files.isDirectory(target.resolve("images/Ada_Lovelace")));
  }

  @Test
  void resumesWithARangeRequestWhenTheConnectionDrops() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    int cut = lfw.archive.length / 2;
    mirror.cutConnections(FakeLfw.ARCHIVE, cut, 1);

    fetcher.fetch(lfw.plan(mirror.base()), dataRoot.resolve("lfw"), false);

    List<LfwMirror.Request> archiveRequests = mirror.requestsFor(FakeLfw.ARCHIVE);
    assertEquals(2, archiveRequests.size(), archiveRequests.toString());
    assertNull(archiveRequests.get(0).range());
    assertEquals("bytes=" + cut + "-", archiveRequests.get(1).range());
    assertInstalled(lfw, dataRoot.resolve("lfw"));
  }

  @Test
  void aLaterRunResumesThePartialDownloadOfAFailedOne() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    int cut = lfw.archive.length / 5;
    // Three cuts in a row exhaust one run's attempts.
    mirror.cutConnections(FakeLfw.ARCHIVE, cut, 3);
    Path target = dataRoot.resolve("lfw");

    FetchException e =
        assertThrows(
            FetchException.class, () -> fetcher.fetch(lfw.plan(mirror.base()), target, false));
    assertTrue(e.getMessage().contains("run the command again to resume"), e.getMessage());
    // Only the documented download cache with the resumable part is left.
    assertEquals(
        List.of("lfw.download", "lfw.download/" + FakeLfw.ARCHIVE + ".part"),
        FakeLfw.listing(dataRoot));
    assertEquals(
        3L * cut, Files.size(dataRoot.resolve("lfw.download/" + FakeLfw.ARCHIVE + ".part")));

    fetcher.fetch(lfw.plan(mirror.base()), target, false);

    List<LfwMirror.Request> archiveRequests = mirror.requestsFor(FakeLfw.ARCHIVE);
    assertEquals("bytes=" + 3 * cut + "-", archiveRequests.getLast().range());
    assertInstalled(lfw, target);
  }

  @Test
  void aFinishedPartFromAnInterruptedRunIsNotDownloadedAgain() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    Path downloads = Files.createDirectories(dataRoot.resolve("lfw.download"));
    Files.write(downloads.resolve(FakeLfw.ARCHIVE + ".part"), lfw.archive);

    fetcher.fetch(lfw.plan(mirror.base()), dataRoot.resolve("lfw"), false);

    // The server answers 416 (nothing left to send); the part is verified and used as it is.
    assertEquals(
        List.of(new LfwMirror.Request(FakeLfw.ARCHIVE, "bytes=" + lfw.archive.length + "-")),
        mirror.requestsFor(FakeLfw.ARCHIVE));
    assertInstalled(lfw, dataRoot.resolve("lfw"));
  }

  @Test
  void aCorruptPartIsDeletedWhenTheChecksumFails() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    Path downloads = Files.createDirectories(dataRoot.resolve("lfw.download"));
    Files.write(downloads.resolve(FakeLfw.ARCHIVE + ".part"), new byte[100]);

    FetchException e =
        assertThrows(
            FetchException.class,
            () -> fetcher.fetch(lfw.plan(mirror.base()), dataRoot.resolve("lfw"), false));

    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    assertEquals("bytes=100-", mirror.requestsFor(FakeLfw.ARCHIVE).getFirst().range());
    assertEquals(List.of(), FakeLfw.listing(dataRoot), "the useless part is gone too");
  }

  @Test
  void startsOverWhenTheServerIgnoresTheRange() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    mirror.ignoreRanges();
    mirror.cutConnections(FakeLfw.ARCHIVE, lfw.archive.length / 3, 1);

    fetcher.fetch(lfw.plan(mirror.base()), dataRoot.resolve("lfw"), false);

    assertEquals(2, mirror.requestsFor(FakeLfw.ARCHIVE).size());
    assertNotNull(mirror.requestsFor(FakeLfw.ARCHIVE).getLast().range(), "a resume was attempted");
    assertInstalled(lfw, dataRoot.resolve("lfw"));
  }

  @Test
  void startsOverWhenTheServerSendsTheWrongRange() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    mirror.misreportRanges();
    int cut = lfw.archive.length / 3;
    mirror.cutConnections(FakeLfw.ARCHIVE, cut, 1);

    fetcher.fetch(lfw.plan(mirror.base()), dataRoot.resolve("lfw"), false);

    List<String> ranges =
        mirror.requestsFor(FakeLfw.ARCHIVE).stream().map(LfwMirror.Request::range).toList();
    assertEquals(Arrays.asList(null, "bytes=" + cut + "-", null), ranges);
    assertInstalled(lfw, dataRoot.resolve("lfw"));
  }

  @Test
  void aWrongChecksumFailsAndLeavesNothing() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    FetchPlan good = lfw.plan(mirror.base());
    String wrong = "0".repeat(64);
    FetchPlan bad =
        new FetchPlan(
            good.base(),
            new RemoteFile(FakeLfw.ARCHIVE, Checksum.sha256(wrong)),
            good.protocolFiles());

    FetchException e =
        assertThrows(
            FetchException.class, () -> fetcher.fetch(bad, dataRoot.resolve("lfw"), false));

    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains(FakeLfw.sha256(lfw.archive)), "names the actual digest");
    assertTrue(e.getMessage().contains(wrong), "names the expected digest");
    assertEquals(List.of(), FakeLfw.listing(dataRoot));
  }

  @Test
  void theNextFetchRemovesWhatAKilledOneLeftBehind() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    Path target = dataRoot.resolve("lfw");
    // What kill -9 leaves: a half-unpacked staging folder and a set-aside old dataset.
    Files.createDirectories(dataRoot.resolve(".lfw.unpacking-123/images/Ada_Lovelace"));
    Files.writeString(dataRoot.resolve(".lfw.unpacking-123/images/Ada_Lovelace/x.jpg"), "half");
    Files.createDirectories(dataRoot.resolve(".lfw.old-456/images"));
    Path someoneElses = Files.createDirectories(dataRoot.resolve(".lfw-other.unpacking-7"));

    fetcher.fetch(lfw.plan(mirror.base()), target, false);

    assertFalse(Files.exists(dataRoot.resolve(".lfw.unpacking-123")));
    assertFalse(Files.exists(dataRoot.resolve(".lfw.old-456")));
    assertTrue(Files.isDirectory(someoneElses), "another dataset's folder is not this fetch's");
  }

  @Test
  void aSecondFetchIntoTheSameFolderIsRefusedWhileTheFirstRuns() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    Path target = dataRoot.resolve("lfw");
    Path downloads = Files.createDirectories(dataRoot.resolve("lfw.download"));
    Path staging = Files.createDirectories(dataRoot.resolve(".lfw.unpacking-running"));
    // A running fetch holds this lock (here: this test, as another process would).
    try (FileChannel held =
            FileChannel.open(
                downloads.resolve(".fetch.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = held.lock()) {
      FetchException e =
          assertThrows(
              FetchException.class, () -> fetcher.fetch(lfw.plan(mirror.base()), target, false));
      assertEquals(
          "another LFW fetch is writing " + target + "; wait for it to finish", e.getMessage());
    }
    assertTrue(Files.isDirectory(staging), "the running fetch's staging folder is untouched");
    assertEquals(0, mirror.requests().size(), "nothing downloaded");

    fetcher.fetch(lfw.plan(mirror.base()), target, false);
    assertFalse(Files.exists(staging), "once the lock is free, a new fetch cleans up and runs");
    assertTrue(LfwFetcher.isComplete(target, lfw.plan(mirror.base())));
  }

  @Test
  void anUnreachableServerIsAClearErrorAndLeavesNothing() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    FetchPlan plan = new FakeLfw().plan(URI.create("http://127.0.0.1:" + closedPort + "/lfw/"));
    Path target = dataRoot.resolve("new/folders/lfw");

    FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(plan, target, false));

    assertTrue(e.getMessage().startsWith("cannot reach 127.0.0.1:" + closedPort), e.getMessage());
    assertTrue(e.getMessage().contains("pairsDevTrain.txt"), "names the file: " + e.getMessage());
    assertEquals(List.of(), FakeLfw.listing(dataRoot), "even the parent folders it made are gone");
  }

  @Test
  void aMissingFileOnTheServerIsAClearError() throws Exception {
    FakeLfw lfw = new FakeLfw();
    lfw.serveFrom(mirror);
    FetchPlan plan = lfw.plan(mirror.base().resolve("elsewhere/"));

    FetchException e =
        assertThrows(
            FetchException.class, () -> fetcher.fetch(plan, dataRoot.resolve("lfw"), false));

    assertTrue(e.getMessage().startsWith("HTTP 404 from " + mirror.base()), e.getMessage());
    assertEquals(List.of(), FakeLfw.listing(dataRoot));
  }

  @Test
  void refusesAnArchiveWithAnEntryOutsideTheDataset() throws Exception {
    Path target = dataRoot.resolve("inner/lfw");
    FakeLfw lfw =
        new FakeLfw(List.of(Map.entry("../evil.jpg", "pwned".getBytes(StandardCharsets.UTF_8))));
    lfw.serveFrom(mirror);

    FetchException e =
        assertThrows(
            FetchException.class, () -> fetcher.fetch(lfw.plan(mirror.base()), target, false));

    assertTrue(e.getMessage().contains("'../evil.jpg'"), e.getMessage());
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
    assertEquals(List.of(), FakeLfw.listing(dataRoot), "no evil.jpg, no dataset, no temp folder");
  }

  @Test
  void refusesAbsoluteAndNestedTraversalEntries() throws Exception {
    for (String evil : List.of("/tmp/evil.jpg", "lfw-fake/Ada_Lovelace/../../../evil.jpg")) {
      FakeLfw lfw = new FakeLfw(List.of(Map.entry(evil, new byte[] {1, 2, 3})));
      lfw.serveFrom(mirror);
      FetchException e =
          assertThrows(
              FetchException.class,
              () -> fetcher.fetch(lfw.plan(mirror.base()), dataRoot.resolve("lfw"), false));
      assertTrue(e.getMessage().contains(evil), e.getMessage());
      assertEquals(List.of(), FakeLfw.listing(dataRoot));
    }
  }

  private void assertInstalled(FakeLfw lfw, Path target) throws IOException {
    for (var image : lfw.images.entrySet()) {
      assertArrayEquals(
          image.getValue(), Files.readAllBytes(target.resolve("images").resolve(image.getKey())));
    }
    assertFalse(Files.exists(target.resolveSibling(target.getFileName() + ".download")));
  }

  private String progress() {
    return progressBytes.toString(StandardCharsets.UTF_8);
  }
}
