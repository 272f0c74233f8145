package org.facesearch.data.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 serving files under /lfw/, with Range support that can be
 * switched off and connections that can be cut mid-body, to exercise resuming.
 */
final class LfwMirror implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** One request the server saw. */
  record Request(String file, String range) {}

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile boolean honourRange = true;
  private volatile boolean misreportRange;
  private volatile String cutFile;
  private volatile long cutAfter;
  private final AtomicInteger cutsLeft = new AtomicInteger();

  LfwMirror() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/lfw/", this::serve);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/lfw/");
  }

  void put(String name, byte[] content) {
    files.put(name, content);
  }

  /** Ignore Range headers and always send the whole file with 200, as some servers do. */
  void ignoreRanges() {
    honourRange = false;
  }

  /** Answer Range requests with 206 but send the whole file, labelled as such. */
  void misreportRanges() {
    misreportRange = true;
  }

  /** The next {@code times} responses for {@code file} stop after {@code bytes} body bytes. */
  void cutConnections(String file, long bytes, int times) {
    cutFile = file;
    cutAfter = bytes;
    cutsLeft.set(times);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requestsFor(String file) {
    return requests.stream().filter(r -> r.file().equals(file)).toList();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String file = exchange.getRequestURI().getPath().substring("/lfw/".length());
    String range = exchange.getRequestHeaders().getFirst("Range");
    requests.add(new Request(file, range));
    byte[] content = files.get(file);
    if (content == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    int start = 0;
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (misreportRange && range != null) {
      exchange
          .getResponseHeaders()
          .set("Content-Range", "bytes 0-" + (content.length - 1) + "/" + content.length);
      exchange.sendResponseHeaders(206, content.length);
    } else if (honourRange && m != null && m.matches()) {
      start = Integer.parseInt(m.group(1));
      if (start >= content.length) {
        exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
        exchange.sendResponseHeaders(416, -1);
        exchange.close();
        return;
      }
      exchange
          .getResponseHeaders()
          .set(
              "Content-Range",
              "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
      exchange.sendResponseHeaders(206, content.length - start);
    } else {
      exchange.sendResponseHeaders(200, content.length);
    }
    OutputStream body = exchange.getResponseBody();
    int length = content.length - start;
    if (file.equals(cutFile) && cutsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      body.write(content, start, (int) Math.min(cutAfter, length));
      body.flush();
      // Closing short of the announced length makes the server drop the connection.
      exchange.close();
      return;
    }
    body.write(content, start, length);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
