package org.facesearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.facesearch.data.FileTrees;
import org.facesearch.data.Workspace;
import org.facesearch.solr.LocalSolrCloud;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch solr local}: a throw-away SolrCloud on this machine, until Ctrl-C. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
      "Start a real SolrCloud on this machine (loopback only, embedded ZooKeeper) to try the"
          + " scale-out path without installing Solr; print its ZooKeeper address.",
      "Ctrl-C stops it and deletes its files."
    })
final class SolrLocalCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--nodes", paramLabel = "N", description = "Solr nodes (default 2).")
  int nodes = 2;

  @Override
  public Integer call() throws Exception {
    if (nodes < 1 || nodes > 8) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--nodes must be in 1..8, got " + nodes);
    }
    Path jar = LocalSolrCloud.jar();
    Path home = Workspace.fromEnvironment(System.getenv()).home();
    Files.createDirectories(home);
    Path dir = Files.createTempDirectory(home, "solr-local-");
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Starting a local SolrCloud with %d node(s) in %s ...%n", nodes, dir);
    out.flush();
    LocalSolrCloud cloud;
    try {
      cloud = LocalSolrCloud.start(jar, nodes, dir, Duration.ofMinutes(3));
    } catch (RuntimeException e) {
      delete(dir);
      throw e;
    }
    Thread stop =
        new Thread(
            () -> {
              cloud.close();
              delete(dir);
            },
            "solr-local-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    String zk = cloud.address().toString();
    out.printf(
        "SolrCloud is up. ZooKeeper: %s%n"
            + "  facesearch solr setup --solr %s --shards %d --replicas %d%n"
            + "  facesearch index --solr %s%n"
            + "  facesearch serve --solr %s%n"
            + "Press Ctrl-C to stop it (its files are deleted).%n",
        zk, zk, nodes, Math.min(2, nodes), zk, zk);
    out.flush();
    int exit = cloud.await();
    try {
      Runtime.getRuntime().removeShutdownHook(stop);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is stopping the cluster and deleting its files.
      return 130;
    }
    // The cluster ended by itself: clean up what it left.
    delete(dir);
    return exit == 0 ? 0 : 1;
  }

  private static void delete(Path dir) {
    try {
      FileTrees.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
