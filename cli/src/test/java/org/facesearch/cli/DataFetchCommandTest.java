package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.facesearch.data.fetch.LfwVariant;
import org.facesearch.data.fetch.RemoteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataFetchCommandTest {
  @TempDir Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @Test
  void aCompleteDatasetGivenWithDataIsAlreadyPresent() throws Exception {
    Path dataset = completeDataset(temp.resolve("lfw"));

    int exit = run(Map.of(), "--data", dataset.toString(), "--mirror", unreachableMirror());

    assertEquals(0, exit, err.toString());
    assertEquals(
        "LFW is already present in " + dataset + " (use --force to download it again)\n",
        out.toString());
  }

  @Test
  void theDataFolderComesFromFacesearchDataThenFacesearchHome() throws Exception {
    Path viaData = completeDataset(temp.resolve("elsewhere/lfw"));
    Path home = temp.resolve("home");
    Path viaHome = completeDataset(home.resolve("data/lfw"));

    assertEquals(
        0,
        run(
            Map.of("FACESEARCH_DATA", viaData.toString(), "FACESEARCH_HOME", home.toString()),
            "--mirror",
            unreachableMirror()));
    assertTrue(out.toString().contains("already present in " + viaData + " "), out.toString());

    out.getBuffer().setLength(0);
    assertEquals(
        0, run(Map.of("FACESEARCH_HOME", home.toString()), "--mirror", unreachableMirror()));
    assertTrue(out.toString().contains("already present in " + viaHome + " "), out.toString());
  }

  @Test
  void anUnreachableMirrorIsOneClearLineAndLeavesNothing() throws Exception {
    String mirror = unreachableMirror();

    int exit = run(Map.of(), "--data", temp.resolve("lfw").toString(), "--mirror", mirror);

    assertEquals(1, exit);
    assertTrue(err.toString().startsWith("facesearch: cannot reach 127.0.0.1:"), "stderr: " + err);
    assertEquals(1, err.toString().lines().count(), "one line: " + err);
    assertEquals(List.of(), listing(temp));
  }

  @Test
  void fetchesFromTheMirrorAndRejectsFilesThatAreNotTheOfficialOnes() throws Exception {
    List<String> requested = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requested.add(exchange.getRequestURI().getPath());
          byte[] body = "not the real file\n".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/some/copy";

      int exit =
          run(
              Map.of(),
              "--data",
              temp.resolve("lfw").toString(),
              "--mirror",
              mirror,
              "--variant",
              "funneled");

      assertEquals(1, exit);
      RemoteFile first = LfwVariant.protocolFiles().getFirst();
      assertEquals(List.of("/some/copy/" + first.name()), requested);
      assertTrue(
          err.toString()
              .startsWith("facesearch: checksum mismatch for " + mirror + "/" + first.name()),
          "stderr: " + err);
      assertTrue(err.toString().contains(first.checksum().hex()), "names the official checksum");
      assertEquals(List.of(), listing(temp));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aFolderThatIsNotLfwIsReplacedOnlyWithForceAndTheMessageSaysSo() throws Exception {
    Path mine = Files.createDirectories(temp.resolve("lfw"));
    Files.writeString(mine.resolve("notes.txt"), "mine");

    int exit = run(Map.of(), "--data", mine.toString(), "--mirror", unreachableMirror());

    assertEquals(1, exit);
    String line = err.toString().strip();
    assertTrue(
        line.startsWith("facesearch: " + mine + " exists but is not a complete LFW dataset"), line);
    assertTrue(line.endsWith("; use --force to replace it"), line);
    assertEquals(List.of(mine.resolve("notes.txt")), listing(mine));
  }

  @Test
  void rejectsAnUnknownVariantAndANonHttpMirror() {
    assertEquals(2, run(Map.of(), "--variant", "raw", "--data", temp.toString()));
    assertTrue(
        err.toString()
            .contains("unknown LFW variant 'raw'; expected one of lfw, funneled, deepfunneled"),
        err.toString());

    err.getBuffer().setLength(0);
    assertEquals(2, run(Map.of(), "--mirror", "ftp://example.org/lfw/", "--data", temp.toString()));
    assertTrue(
        err.toString().contains("--mirror: a download base must be an http:// or https:// URL"),
        err.toString());
  }

  private int run(Map<String, String> environment, String... args) {
    CommandLine cli =
        new CommandLine(
            new DataFetchCommand(
                environment, new PrintStream(progress, true, StandardCharsets.UTF_8)));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(new ErrorReporter());
    return cli.execute(args);
  }

  /** A folder laid out like LFW: images/<Name>/ and the six protocol files. */
  private static Path completeDataset(Path folder) throws IOException {
    Files.createDirectories(folder.resolve("images/Ada_Lovelace"));
    Files.write(folder.resolve("images/Ada_Lovelace/Ada_Lovelace_0001.jpg"), new byte[] {1});
    for (RemoteFile file : LfwVariant.protocolFiles()) {
      Files.writeString(folder.resolve(file.name()), "1\n");
    }
    return folder;
  }

  private static String unreachableMirror() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/lfw/";
    }
  }

  private static List<Path> listing(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> !p.equals(root)).toList();
    }
  }

  @Test
  void helpDescribesTheOptions() {
    assertEquals(0, run(Map.of(), "--help"));
    String help = out.toString();
    for (String option : List.of("--variant", "--mirror", "--data", "--force", "deepfunneled")) {
      assertTrue(help.contains(option), option + " in " + help);
    }
    assertFalse(help.contains("${"), "no unexpanded variables: " + help);
  }
}
