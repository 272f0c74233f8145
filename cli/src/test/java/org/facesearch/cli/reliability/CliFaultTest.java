package org.facesearch.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.facesearch.data.testing.Leftovers;
import org.facesearch.indexer.testing.TestGalleries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults around the command line: a damaged model bundle, a missing data folder, an index build
 * killed with SIGKILL, and a build whose writes fail. Whatever happens, the previous index keeps
 * serving and the user gets one clear line, not a stack trace.
 */
class CliFaultTest {
  private static final Path SHIPPED_MODEL = Path.of("../models/default");

  @TempDir static Path shared;
  private static Path data;

  @BeforeAll
  static void copyGallery() {
    data = TestGalleries.copy(shared.resolve("lfw"), List.of("Hugo_Chavez", "Serena_Williams"));
  }

  private static String photo() {
    return data.resolve("images/Serena_Williams/Serena_Williams_0005.jpg").toString();
  }

  private static Cli index(String model, Path index) {
    return Cli.run(
        "index",
        "--model",
        model,
        "--data",
        data.toString(),
        "--index",
        index.toString(),
        "--json");
  }

  private static void assertQueryWorks(Path index) {
    Cli query = Cli.run("query", photo(), "--top", "1", "--index", index.toString(), "--json");
    assertEquals(0, query.exit(), query::toString);
    assertEquals("Serena_Williams", query.json().get("results").get(0).get("identity").asString());
  }

  private static void assertOneCleanLine(Cli run, String expected) {
    assertEquals(1, run.exit(), run::toString);
    assertTrue(run.err().startsWith("facesearch: "), run::toString);
    assertTrue(run.err().contains(expected), run::toString);
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run::toString);
  }

  @Test
  void damagedWeightsAreNamedByQueryAndIndex(@TempDir Path dir) throws IOException {
    Path bundle = dir.resolve("model");
    Files.createDirectories(bundle);
    for (String file : List.of("model.json", "weights.params")) {
      Files.copy(SHIPPED_MODEL.resolve(file), bundle.resolve(file));
    }
    Path weights = bundle.resolve("weights.params");
    Path original = dir.resolve("weights.original");
    Files.copy(weights, original);
    Path index = dir.resolve("index");
    Cli built = index(bundle.toString(), index);
    assertEquals(0, built.exit(), built::toString);

    List<String> damages = List.of("truncated", "one byte altered");
    for (String damage : damages) {
      Files.copy(original, weights, StandardCopyOption.REPLACE_EXISTING);
      try (RandomAccessFile file = new RandomAccessFile(weights.toFile(), "rw")) {
        if (damage.equals("truncated")) {
          file.setLength(file.length() / 2);
        } else {
          file.seek(file.length() / 3);
          int b = file.read();
          file.seek(file.length() / 3);
          file.write(b ^ 0x10);
        }
      }
      Leftovers before = Leftovers.of(index);
      String expected = weights.toAbsolutePath() + " is damaged or was replaced";

      assertOneCleanLine(Cli.run("query", photo(), "--index", index.toString()), expected);
      assertOneCleanLine(index(bundle.toString(), index), expected);
      Path fresh = dir.resolve("fresh-" + damage.replace(' ', '-'));
      assertOneCleanLine(index(bundle.toString(), fresh), expected);

      assertEquals(Set.of(), before.addedBy(Leftovers.of(index)), damage);
      assertFalse(Files.exists(fresh.resolve("CURRENT")), damage);
    }
    Files.copy(original, weights, StandardCopyOption.REPLACE_EXISTING);
    assertQueryWorks(index);
  }

  @Test
  void aMissingDataFolderNamesWhereItLooked(@TempDir Path dir) throws Exception {
    Path nowhere = dir.resolve("no-lfw-here");
    Cli given =
        Cli.run(
            "index",
            "--model",
            "pixels-32-grey",
            "--data",
            nowhere.toString(),
            "--index",
            dir.resolve("index").toString());
    assertOneCleanLine(given, "LFW data not found: tried " + nowhere + " from --data");
    assertFalse(Files.exists(dir.resolve("index").resolve("CURRENT")));

    // Without --data or FACESEARCH_DATA the workspace is tried: the message must say so.
    Path home = dir.resolve("home");
    Path log = dir.resolve("child.log");
    Process child =
        ChildCli.start(
            List.of(),
            env -> {
              env.remove("FACESEARCH_DATA");
              env.put("FACESEARCH_HOME", home.toString());
            },
            log,
            "index",
            "--model",
            "pixels-32-grey",
            "--index",
            dir.resolve("index").toString());
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child never finished");
    String output = ChildCli.output(log);
    assertEquals(1, child.exitValue(), output);
    assertTrue(output.contains("facesearch: LFW data not found: tried " + home), output);
    assertTrue(output.contains("(--data not given and FACESEARCH_DATA is not set)"), output);
    assertFalse(output.contains("\tat "), output);
  }

  /** Three index builds killed with SIGKILL at seeded random moments. */
  @Test
  @Tag("reliability")
  void aKilledIndexBuildLeavesAServingIndex(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("index");
    Cli first = index("pixels-32-grey", index);
    assertEquals(0, first.exit(), first::toString);
    Random random = new Random(20261122);
    List<String> report = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      String before = Files.readString(index.resolve("CURRENT")).strip();
      long delay = random.nextInt(600);
      Path log = dir.resolve("kill-" + run + ".log");
      Process child =
          ChildCli.start(
              log,
              "index",
              "--model",
              run % 2 == 0 ? "pixels-24-grey" : "pixels-32-grey",
              "--data",
              data.toString(),
              "--index",
              index.toString());
      // The random moment counts from when the build starts writing, not from the JVM's start.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (child.isAlive() && unfinishedBuilds(index) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(delay);
      boolean running = child.isAlive();
      child.destroyForcibly().waitFor();

      String after = Files.readString(index.resolve("CURRENT")).strip();
      report.add(
          delay
              + " ms into the write: "
              + (running ? "killed" : "had finished")
              + ", "
              + unfinishedBuilds(index)
              + " unfinished build(s) left, "
              + before
              + " -> "
              + after);
      assertTrue(Files.isDirectory(index.resolve("builds").resolve(after)), report::toString);
      if (!running) {
        assertEquals(0, child.exitValue(), ChildCli.output(log));
      }
      assertQueryWorks(index);
    }
    System.err.println("kills: " + report);
    Cli next = index("pixels-32-grey", index);
    assertEquals(0, next.exit(), next::toString);
    assertQueryWorks(index);
  }

  private static long unfinishedBuilds(Path index) throws IOException {
    Path builds = index.resolve("builds");
    if (!Files.isDirectory(builds)) {
      return 0;
    }
    try (var entries = Files.list(builds)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(".tmp-")).count();
    }
  }

  /**
   * "Disk full" without root: the child build runs under {@code ulimit -f}, so writing a file past
   * the limit fails with EFBIG (the JVM ignores SIGXFSZ) as a full disk fails with ENOSPC.
   */
  @Test
  @Tag("reliability")
  void aBuildWhoseWritesFailLeavesThePreviousIndexServing(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("index");
    Cli first = index("pixels-32-grey", index);
    assertEquals(0, first.exit(), first::toString);
    String current = Files.readString(index.resolve("CURRENT"));
    Leftovers before = Leftovers.of(index);

    Path log = dir.resolve("full.log");
    Process child =
        ChildCli.start(
            List.of("bash", "-c", "ulimit -f 200 && exec \"$@\"", "bash"),
            env -> {},
            log,
            "index",
            "--model",
            "pixels-32-grey",
            "--data",
            data.toString(),
            "--index",
            index.toString());
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child never finished");
    String output = ChildCli.output(log);
    assertEquals(1, child.exitValue(), output);
    assertTrue(output.contains("facesearch: cannot write the index build "), output);
    assertFalse(output.contains("\tat "), output);
    assertEquals(current, Files.readString(index.resolve("CURRENT")));
    assertEquals(Set.of(), before.addedBy(Leftovers.of(index)), "the failed build was removed");
    assertQueryWorks(index);
  }

  /**
   * A real full disk: the index lives on a small tmpfs that is then filled up, so the next build
   * fails with ENOSPC part-way through. Mounting needs root; elsewhere this test is skipped and the
   * {@code ulimit -f} test above stands in for it.
   */
  @Test
  @Tag("reliability")
  void aBuildOnAFullDiskLeavesThePreviousIndexServing(@TempDir Path dir) throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 16)) {
      Path index = disk.root().resolve("index");
      Cli first = index("pixels-32-grey", index);
      assertEquals(0, first.exit(), first::toString);
      String current = Files.readString(index.resolve("CURRENT"));
      Leftovers before = Leftovers.of(index);
      long buildBytes = SmallDisk.bytes(index.resolve("builds").resolve(current.strip()));
      // Leave room for half a build: the next one starts writing, then runs out of space.
      disk.fillLeaving(buildBytes / 2);

      Cli full = index("pixels-32-grey", index);

      assertOneCleanLine(full, "cannot write the index build ");
      assertTrue(full.err().contains("No space left on device"), full::toString);
      assertEquals(current, Files.readString(index.resolve("CURRENT")));
      assertEquals(Set.of(), before.addedBy(Leftovers.of(index)), "the failed build was removed");
      assertQueryWorks(index);
    }
  }
}
