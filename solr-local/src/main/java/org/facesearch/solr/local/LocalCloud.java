package org.facesearch.solr.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A real SolrCloud on this machine: {@code NODES} Solr nodes and an embedded ZooKeeper, all on the
 * loopback interface, with their files in {@code DIR} (deleted on exit).
 *
 * <p>Protocol with the parent process: once ready, one line {@code zkHost=HOST:PORT/CHROOT} on
 * stdout. Then commands on stdin, one per line, each answered by one line: {@code stop N} stops
 * node N (0-based), {@code start N} starts it again. End of stdin (the parent closed it or died),
 * or a signal, shuts the cluster down and deletes {@code DIR}.
 */
public final class LocalCloud {
  /** The line prefix the parent waits for. */
  public static final String READY = "zkHost=";

  private LocalCloud() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: LocalCloud NODES DIR");
      System.exit(2);
    }
    int nodes = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]).toAbsolutePath();
    Files.createDirectories(dir);
    // Loopback only: nothing here is secured, so nothing may be reachable from another machine.
    System.setProperty("host", "127.0.0.1");
    System.setProperty("solr.jetty.host", "127.0.0.1");
    System.setProperty("solr.log.dir", dir.toString());
    // Lucene and Jersey log through java.util.logging; only its severe messages reach the terminal.
    java.util.logging.LogManager.getLogManager().reset();
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    java.util.logging.ConsoleHandler console = new java.util.logging.ConsoleHandler();
    console.setLevel(java.util.logging.Level.SEVERE);
    root.addHandler(console);
    root.setLevel(java.util.logging.Level.SEVERE);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, dir).build();
    AtomicBoolean stopped = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    // Ctrl-C signals this JVM and its parent at once, and the parent then closes stdin: whichever
    // of the signal's hook and the main thread comes second waits for the first to finish, so the
    // JVM never halts halfway through deleting the files.
    Runnable shutdown =
        () -> {
          if (stopped.compareAndSet(false, true)) {
            try {
              cluster.shutdown();
            } catch (Exception e) {
              System.err.println("solr-local: shutdown failed: " + e.getMessage());
            } finally {
              delete(dir);
              done.countDown();
            }
          } else {
            try {
              done.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "solr-local-shutdown"));
    out.println(READY + cluster.getZkServer().getZkAddress());

    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    JettySolrRunner[] stoppedNodes = new JettySolrRunner[nodes];
    for (String line; (line = in.readLine()) != null; ) {
      String[] words = line.strip().split("\\s+");
      try {
        int node = words.length == 2 ? Integer.parseInt(words[1]) : -1;
        if (words[0].equals("stop") && node >= 0 && node < nodes) {
          stoppedNodes[node] = cluster.stopJettySolrRunner(node);
          cluster.waitForJettyToStop(stoppedNodes[node]);
          out.println("stopped " + node);
        } else if (words[0].equals("start") && node >= 0 && stoppedNodes[node] != null) {
          cluster.startJettySolrRunner(stoppedNodes[node]);
          stoppedNodes[node] = null;
          out.println("started " + node);
        } else {
          out.println("error unknown command: " + line);
        }
      } catch (Exception e) {
        out.println("error " + e.getMessage());
      }
    }
    shutdown.run();
    System.exit(0);
  }

  private static void delete(Path dir) {
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("solr-local: cannot delete " + dir + ": " + e.getMessage());
    }
  }
}
