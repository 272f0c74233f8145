package org.facesearch.solr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.facesearch.data.setting.InvalidSettingException;

/**
 * A real SolrCloud on this machine, in a child JVM: the {@code solr-local} module's jar (solr-core
 * brings Lucene 9, which cannot share this JVM's classpath with Lucene 10). Its nodes and embedded
 * ZooKeeper listen on the loopback interface only; closing stops them and deletes their files.
 * {@code facesearch solr local} and the tests both start clusters through here.
 */
public final class LocalSolrCloud implements AutoCloseable {
  /** Overrides where the {@code solr-local} jar is looked for. */
  public static final String JAR_PROPERTY = "facesearch.solrLocalJar";

  static final String JAR = "solr-local/target/facesearch-solr-local.jar";

  /** The child JVM's heap unless asked otherwise: enough for the tests and a small gallery. */
  public static final int DEFAULT_HEAP_MIB = 1024;

  private static final String READY = "zkHost=";

  private final Process process;
  private final Path dir;
  private final int heapMiB;
  private final SolrAddress address;
  private final BufferedReader replies;
  private final Writer commands;

  private LocalSolrCloud(
      Process process,
      Path dir,
      int heapMiB,
      SolrAddress address,
      BufferedReader replies,
      Writer commands) {
    this.process = process;
    this.dir = dir;
    this.heapMiB = heapMiB;
    this.address = address;
    this.replies = replies;
    this.commands = commands;
  }

  /**
   * Where the {@code solr-local} jar is: the {@value #JAR_PROPERTY} system property, else beside
   * this module in the source tree facesearch was built from.
   *
   * @throws IllegalStateException naming the build command if it is not there
   */
  public static Path jar() {
    String configured = System.getProperty(JAR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    try {
      Path here =
          Path.of(LocalSolrCloud.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = here; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(JAR);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    } catch (URISyntaxException | SecurityException e) {
      // Fall through to the message below.
    }
    throw new IllegalStateException(
        "the local SolrCloud is not built: run `./mvnw -pl cli -am package -DskipTests` in the"
            + " facesearch source folder (it builds "
            + JAR
            + "), or set -D"
            + JAR_PROPERTY);
  }

  /**
   * Starts {@code nodes} Solr nodes and a ZooKeeper with their files under {@code dir}, and waits
   * until they are ready, in a JVM of {@value #DEFAULT_HEAP_MIB} MiB heap.
   *
   * @throws IllegalStateException if the cluster does not come up within {@code timeout}
   */
  public static LocalSolrCloud start(Path jar, int nodes, Path dir, Duration timeout) {
    return start(jar, nodes, dir, timeout, DEFAULT_HEAP_MIB);
  }

  /**
   * As {@link #start(Path, int, Path, Duration)}, with a heap of {@code heapMiB} for all the nodes
   * together: a collection's HNSW graph is built in heap while its segments merge (about 300 bytes
   * a vector at M=16), so a large collection needs more than the default.
   */
  public static LocalSolrCloud start(Path jar, int nodes, Path dir, Duration timeout, int heapMiB) {
    if (nodes < 1 || nodes > 8) {
      throw new InvalidSettingException(SolrSetting.NODES, " must be in 1..8, got " + nodes);
    }
    if (heapMiB < 256) {
      throw new IllegalArgumentException(
          "the local SolrCloud needs a heap of at least 256 MiB, got " + heapMiB);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx" + heapMiB + "m",
            "-XX:+UseSerialGC",
            // Lucene 9 calls madvise through the FFM API; allowed, it stops warning about it.
            "--enable-native-access=ALL-UNNAMED",
            "-Dfacesearch.solrLocal.log=" + dir.resolve("solr.log"),
            "-cp",
            jar + java.io.File.pathSeparator + jar.resolveSibling("lib").resolve("*"),
            "org.facesearch.solr.local.LocalCloud",
            Integer.toString(nodes),
            dir.resolve("cluster").toString()));
    Process process;
    try {
      Files.createDirectories(dir);
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local SolrCloud: " + e.getMessage(), e);
    }
    BufferedReader replies =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Writer commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    CompletableFuture<Optional<String>> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = replies.readLine()) != null; ) {
                  if (line.startsWith(READY)) {
                    return Optional.of(line.substring(READY.length()));
                  }
                }
                return Optional.empty();
              } catch (IOException e) {
                return Optional.empty();
              }
            });
    try {
      Optional<String> zk = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (zk.isEmpty()) {
        throw new IllegalStateException(
            "the local SolrCloud exited before it was ready (exit code "
                + process.waitFor()
                + "); see "
                + dir.resolve("solr.log"));
      }
      return new LocalSolrCloud(
          process, dir, heapMiB, SolrAddress.parse(zk.get()), replies, commands);
    } catch (TimeoutException | ExecutionException | RuntimeException e) {
      process.destroyForcibly();
      if (e instanceof IllegalStateException notReady) {
        throw notReady;
      }
      throw new IllegalStateException(
          "the local SolrCloud was not ready within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the local SolrCloud", e);
    }
  }

  /** Its ZooKeeper address, for {@code --solr}. */
  public SolrAddress address() {
    return address;
  }

  /** The folder it was started in; its nodes' index files are below it. */
  public Path dir() {
    return dir;
  }

  /** The child JVM's maximum heap. */
  public int heapMiB() {
    return heapMiB;
  }

  /** The child JVM. */
  public Process process() {
    return process;
  }

  /** Stops node {@code node} (0-based), as a crash of that machine would, but cleanly. */
  public void stopNode(int node) {
    command("stop " + node, "stopped " + node);
  }

  /** Starts a stopped node again. */
  public void startNode(int node) {
    command("start " + node, "started " + node);
  }

  private synchronized void command(String command, String expected) {
    try {
      commands.write(command + "\n");
      commands.flush();
      String reply = replies.readLine();
      if (!expected.equals(reply)) {
        throw new IllegalStateException("local SolrCloud: '" + command + "' answered " + reply);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("local SolrCloud: '" + command + "' failed", e);
    }
  }

  /** Waits until the child JVM ends (for {@code solr local}, which runs until Ctrl-C). */
  public int await() throws InterruptedException {
    return process.waitFor();
  }

  /** Stops the cluster and deletes its files; kills it if it has not stopped within a minute. */
  @Override
  public void close() {
    try {
      commands.close();
    } catch (IOException e) {
      // The child is gone already; it deletes its files on the way out.
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
