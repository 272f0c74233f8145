package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.facesearch.indexer.testing.TestGalleries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code facesearch serve} in-process: it serves the index it is given until stopped. */
class ServeCommandTest {
  private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");

  @Test
  void servesTheIndexUntilStopped(@TempDir Path dir) throws Exception {
    Path data = TestGalleries.copy(dir.resolve("lfw"), List.of("Hugo_Chavez"));
    Path index = dir.resolve("index");
    assertEquals(
        0,
        SearchCommandsTest.run(
                "index",
                "--model",
                "pixels-32-grey",
                "--data",
                data.toString(),
                "--index",
                index.toString())
            .exit());

    StringWriter out = new StringWriter();
    CommandLine cli = FacesearchCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server =
        Thread.ofPlatform()
            .start(
                () -> exit.set(cli.execute("serve", "--port", "0", "--index", index.toString())));
    try {
      URI site = awaitUrl(out);
      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> status =
            http.send(
                HttpRequest.newBuilder(site.resolve("/api/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode());
        JsonNode body = JsonMapper.builder().build().readTree(status.body());
        assertTrue(body.get("ready").asBoolean());
        assertEquals(
            "pixels-32-grey",
            body.get("model").get("id").asString(),
            "the model the index was built with");
        assertFalse(
            status.body().contains(index.toAbsolutePath().toString()),
            "clients see no server paths: " + status.body());
      }
    } finally {
      server.interrupt();
      server.join(30_000);
    }
    assertEquals(0, exit.get());
  }

  @Test
  void aBadUploadLimitIsAUsageError() {
    SearchCommandsTest.Run run = SearchCommandsTest.run("serve", "--max-upload-mb", "0");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--max-upload-mb"), run.err());
  }

  @Test
  void noTorchThreadsIsAUsageError() {
    SearchCommandsTest.Run run = SearchCommandsTest.run("serve", "--torch-threads", "0");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--torch-threads must be at least 1"), run.err());
  }

  private static URI awaitUrl(StringWriter out) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      Matcher m = URL.matcher(out.toString());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve printed no address: " + out);
  }
}
