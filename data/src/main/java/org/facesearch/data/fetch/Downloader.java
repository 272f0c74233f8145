package org.facesearch.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Downloads one file over HTTP into {@code <name>.part} beside its destination, resuming an
 * existing part with a Range request, then verifies the checksum and renames the part into place. A
 * dropped connection is retried from where it stopped; a part that survives a failed run is resumed
 * by the next one.
 */
final class Downloader {
  /** Suffix of an unfinished download; the only thing a failed fetch may leave behind. */
  static final String PART = ".part";

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");

  private final HttpClient client;
  private final PrintStream progress;
  private final int attempts;

  Downloader(HttpClient client, PrintStream progress, int attempts) {
    this.client = Objects.requireNonNull(client, "client");
    this.progress = Objects.requireNonNull(progress, "progress");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    this.attempts = attempts;
  }

  /** Downloads {@code uri} to {@code destination} and verifies it against {@code checksum}. */
  void download(URI uri, Path destination, Checksum checksum) throws IOException {
    Path part = destination.resolveSibling(destination.getFileName() + PART);
    for (int attempt = 1; ; attempt++) {
      try {
        receive(uri, part);
        break;
      } catch (ConnectionLost e) {
        if (attempt >= attempts) {
          throw new FetchException(
              "the download of "
                  + uri
                  + " broke off after "
                  + (Files.exists(part) ? Files.size(part) : 0)
                  + " bytes ("
                  + e.getMessage()
                  + "), "
                  + attempts
                  + " times; run the command again to resume"
                  + " from "
                  + part,
              e);
        }
        progress.printf("Connection lost (%s); resuming %s%n", e.getMessage(), uri);
      }
    }
    String actual = checksum.digestOf(part);
    if (!actual.equals(checksum.hex())) {
      Files.delete(part);
      throw new FetchException(
          "checksum mismatch for "
              + uri
              + ": expected "
              + checksum.algorithm()
              + " "
              + checksum.hex()
              + ", got "
              + actual
              + "; the download was deleted (a wrong or damaged file, or a mirror serving"
              + " different data)");
    }
    Files.move(
        part, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Fetches the rest of {@code uri} into {@code part}, appending to what is already there. */
  private void receive(URI uri, Path part) throws IOException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response = send(uri, request.build());
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      long total;
      if (status == 206) {
        Matcher range =
            CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        if (!range.matches() || Long.parseLong(range.group(1)) != have) {
          // Not the bytes that were asked for: appending them would corrupt the file.
          Files.delete(part);
          receive(uri, part);
          return;
        }
        total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
      } else if (status == 200) {
        // The server ignored the Range header (or there was none): start over.
        have = 0;
        total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      } else if (status == 416 && have > 0 && alreadyComplete(response, have)) {
        return;
      } else if (status == 416 && have > 0) {
        Files.delete(part);
        receive(uri, part);
        return;
      } else {
        throw new FetchException(
            "HTTP "
                + status
                + " from "
                + uri
                + (status == 404 ? ": the file is not there (wrong mirror URL?)" : ""));
      }
      copy(body, part, have, total, uri);
    }
  }

  private HttpResponse<InputStream> send(URI uri, HttpRequest request) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new FetchException(
          "cannot reach "
              + uri.getHost()
              + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
              + " to download "
              + uri
              + " ("
              + whyUnreachable(e)
              + "); check the network connection, or use a mirror",
          e);
    } catch (IOException e) {
      // Lost before the response headers arrived: worth another attempt.
      throw new ConnectionLost(describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted while downloading " + uri, e);
    }
  }

  private static boolean alreadyComplete(HttpResponse<?> response, long have) {
    Matcher m =
        UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
    return m.matches() && Long.parseLong(m.group(1)) == have;
  }

  private void copy(InputStream body, Path part, long have, long total, URI uri)
      throws IOException {
    String name = Path.of(uri.getPath()).getFileName().toString();
    boolean small = total >= 0 && total < 10 << 20;
    ProgressBarBuilder bar =
        new ProgressBarBuilder()
            .setTaskName(name)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.UNICODE_BLOCK)
            .setUnit(small ? "KiB" : "MiB", small ? 1 << 10 : 1 << 20)
            .showSpeed()
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(progress))
            .startsFrom(have, Duration.ZERO);
    try (FileChannel out =
            FileChannel.open(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                have == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        ProgressBar shown = bar.build()) {
      byte[] buffer = new byte[1 << 16];
      long received = have;
      while (true) {
        int n;
        try {
          n = body.read(buffer);
        } catch (IOException e) {
          throw new ConnectionLost(describe(e), e);
        }
        if (n < 0) {
          break;
        }
        out.write(ByteBuffer.wrap(buffer, 0, n));
        received += n;
        shown.stepTo(received);
      }
      if (total >= 0 && received < total) {
        throw new ConnectionLost("got " + received + " of " + total + " bytes", null);
      }
    }
  }

  private static String whyUnreachable(IOException e) {
    if (e.getCause() instanceof UnresolvedAddressException) {
      return "unknown host";
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "timed out";
    }
    return e.getMessage() != null ? e.getMessage() : "connection refused";
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null && e.getCause() != null) {
      message = e.getCause().getMessage();
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** The connection broke during a transfer; the bytes so far are kept for the next attempt. */
  static final class ConnectionLost extends IOException {
    ConnectionLost(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
