package org.facesearch.web.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.facesearch.data.testing.Leftovers;
import org.facesearch.web.Multipart;
import org.facesearch.web.TestSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on a real server over raw sockets (so no client tidies the request): path traversal on
 * every route that names a file or identity, a body that claims to be huge, and admin calls with
 * near-miss tokens.
 */
class WebSecurityTest {
  private static final String TOKEN = "a-long-admin-token-for-the-reliability-suite";
  private static final String SECRET = "secret-" + UUID.randomUUID();

  @TempDir static Path dir;
  private static TestSite site;

  @BeforeAll
  static void start() throws IOException {
    site =
        TestSite.withIndex(
            dir,
            List.of("Hugo_Chavez", "Serena_Williams"),
            TestSite.settings().withAdminToken(Optional.of(TOKEN)));
    // Beside the gallery, beside the index, and one level above both.
    for (Path folder : List.of(dir, site.data, site.data.resolve("images"), site.root.dir())) {
      Files.writeString(folder.resolve("secret.txt"), SECRET);
    }
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void traversalNeverReachesAFileOutsideTheGallery() {
    String absolute = dir.resolve("secret.txt").toString();
    List<String> names =
        List.of(
            "../secret.txt",
            "../../secret.txt",
            "../../../secret.txt",
            "..%2Fsecret.txt",
            "..%2F..%2Fsecret.txt",
            "%2e%2e%2f%2e%2e%2fsecret.txt",
            "%2e%2e/%2e%2e/secret.txt",
            "..%5c..%5csecret.txt",
            "....//....//secret.txt",
            "%252e%252e%252fsecret.txt",
            "images%2F..%2F..%2Fsecret.txt",
            "Serena_Williams%2F..%2F..%2Fsecret.txt",
            "secret.txt%00.jpg",
            absolute.replace("/", "%2F"),
            "." + absolute);
    for (String route : List.of("/gallery/", "/api/identities/", "/api/thumbnails/", "/static/")) {
      for (String name : names) {
        Raw response = Raw.send("GET " + route + name + " HTTP/1.1\r\n" + host() + "\r\n", null);
        assertTrue(
            response.status() == 400 || response.status() == 404,
            route + name + " -> " + response.head());
        assertFalse(response.text().contains(SECRET), route + name + " leaked the secret");
      }
    }
  }

  @Test
  void enrolmentNamesCannotWriteOutsideTheEnrolledFolder() throws IOException {
    byte[] photo = Files.readAllBytes(site.photo("Hugo_Chavez", 1));
    Leftovers before = Leftovers.of(dir);
    for (String name :
        List.of("..", "../outside", "a/../../b", "..\\outside", "/tmp/outside", "%2e%2e", "x\0y")) {
      HttpResponse<String> response =
          enroll(
              new Multipart().field("name", name).file("photo", "p.jpg", "image/jpeg", photo),
              "Bearer " + TOKEN);
      assertEquals(400, response.statusCode(), name + " -> " + response.body());
    }
    assertEquals(Set.of(), before.addedBy(Leftovers.of(dir)));
  }

  @Test
  void adminCallsWithAMissingOrNearMissTokenAre401() throws IOException {
    byte[] photo = Files.readAllBytes(site.photo("Hugo_Chavez", 1));
    Leftovers before = Leftovers.of(site.root.dir());
    List<String> near =
        List.of(
            "Bearer " + TOKEN.substring(0, TOKEN.length() - 1),
            "Bearer " + TOKEN + "x",
            "Bearer " + TOKEN.toUpperCase(Locale.ROOT),
            "Basic " + TOKEN,
            TOKEN,
            "Bearer ",
            "Bearer");
    for (String authorization : near) {
      // First the admin's own call (refused after the token check for its bad name), then the
      // near miss on the same keep-alive connection: per-connection header state must not leak.
      try (HttpClient client =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
        HttpResponse<String> admin = enroll(client, "../x", "Bearer " + TOKEN, photo);
        HttpResponse<String> intruder = enroll(client, "Intruder", authorization, photo);
        assertEquals(400, admin.statusCode(), admin.body());
        assertEquals(401, intruder.statusCode(), authorization + " -> " + intruder.body());
        assertEquals("Bearer", intruder.headers().firstValue("WWW-Authenticate").orElse(""));
      }
    }
    HttpResponse<String> none =
        enroll(
            new Multipart().field("name", "Intruder").file("photo", "p.jpg", "image/jpeg", photo),
            null);
    assertEquals(401, none.statusCode(), none.body());
    assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(Set.of(), before.addedBy(Leftovers.of(site.root.dir())));
    assertEquals(404, site.get("/api/identities/Intruder").statusCode());
  }

  @Test
  void aBodyClaimingToBeHugeIsRefusedBeforeItIsRead() {
    String boundary = "----reliability";
    byte[] start =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"big.jpg\""
                + "\r\nContent-Type: image/jpeg\r\n\r\n"
                + "x".repeat(1_000))
            .getBytes(StandardCharsets.US_ASCII);
    for (String route : List.of("/api/query", "/api/verify", "/api/enroll")) {
      String head =
          "POST "
              + route
              + " HTTP/1.1\r\n"
              + host()
              + "Authorization: Bearer "
              + TOKEN
              + "\r\n"
              + "Content-Type: multipart/form-data; boundary="
              + boundary
              + "\r\n"
              + "Content-Length: 500000000\r\n\r\n";
      // Only the first kilobyte of the claimed 500 MB is sent; the answer must come anyway.
      Raw response = Raw.send(head, start);
      assertEquals(413, response.status(), route + " -> " + response.head());
    }
    assertEquals(200, site.get("/api/health").statusCode(), "the server is still up");
  }

  private static String host() {
    return "Host: "
        + site.server.uri().getHost()
        + ":"
        + site.server.uri().getPort()
        + "\r\n"
        + "Connection: close\r\n";
  }

  private static HttpResponse<String> enroll(
      HttpClient client, String name, String authorization, byte[] photo) {
    Multipart form =
        new Multipart().field("name", name).file("photo", "p.jpg", "image/jpeg", photo);
    try {
      return client.send(
          HttpRequest.newBuilder(site.uri("/api/enroll"))
              .header("Content-Type", form.contentType())
              .header("Authorization", authorization)
              .POST(form.publisher())
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> enroll(Multipart form, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(site.uri("/api/enroll"))
            .header("Content-Type", form.contentType())
            .POST(form.publisher());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return site.send(request.build());
  }

  /** A response read off a raw socket until the server closes it (or stops sending for 20 s). */
  private record Raw(int status, String head, String text) {
    static Raw send(String head, byte[] body) {
      URI server = site.server.uri();
      try (Socket socket = new Socket(server.getHost(), server.getPort())) {
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
          out.write(body);
        }
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8_192];
        try {
          for (int n; (n = in.read(buffer)) > 0; ) {
            text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            if (body != null && text.indexOf("\r\n\r\n") >= 0) {
              break; // the refusal's head is enough; the server need not wait for the rest
            }
          }
        } catch (java.net.SocketException e) {
          // The server may reset a connection whose body it refused; what arrived is the answer.
        }
        String all = text.toString();
        String first = all.lines().findFirst().orElse("");
        int status = first.startsWith("HTTP/") ? Integer.parseInt(first.split(" ")[1]) : -1;
        return new Raw(status, first, all);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
