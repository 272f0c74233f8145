package org.facesearch.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.facesearch.data.timing.Stage;
import org.facesearch.data.timing.StageTimes;

/**
 * The W3C {@code Server-Timing} response header: where the server spent a request's time, stage by
 * stage in milliseconds, e.g. {@code decode;dur=1.21;desc="decoding the photo", ...,
 * total;dur=48.70;desc="..."}. Browsers' developer tools draw it beside the network timing, and
 * {@code facesearch bench web} reads it to say which stage a latency comes from.
 *
 * <p>Stages are timed exclusively (see {@link StageTimes}), so they add up to at most {@code
 * total}; what is left is the web framework's and unlisted work's.
 */
public final class ServerTiming {
  public static final String HEADER = "Server-Timing";

  /** The metric for the whole handler, beside the stages. */
  public static final String TOTAL = "total";

  private ServerTiming() {}

  /**
   * Runs {@code handler} with a fresh {@link StageTimes} bound, then sets the header, also when the
   * handler fails (its error answer keeps the header).
   */
  static void timed(Context ctx, Runnable handler) {
    StageTimes times = new StageTimes();
    long start = System.nanoTime();
    try {
      times.run(handler);
    } finally {
      ctx.header(HEADER, header(times.millis(), (System.nanoTime() - start) / 1e6));
    }
  }

  static String header(Map<Stage, Double> stages, double totalMillis) {
    List<String> metrics = new ArrayList<>();
    stages.forEach((stage, millis) -> metrics.add(metric(stage.id(), millis, stage.description())));
    metrics.add(metric(TOTAL, totalMillis, "the whole request in the server's handler"));
    return String.join(", ", metrics);
  }

  private static String metric(String name, double millis, String description) {
    // A quoted-string: the descriptions hold no quote or backslash to escape.
    return String.format(Locale.ROOT, "%s;dur=%.2f;desc=\"%s\"", name, millis, description);
  }

  /**
   * The durations in a {@code Server-Timing} header, by metric name in the header's order; a metric
   * without a duration is left out, as is anything that is not one (a client reads what it knows of
   * another server's header and skips the rest).
   */
  public static Map<String, Double> parse(String header) {
    Map<String, Double> millis = new LinkedHashMap<>();
    // Commas never occur inside this server's descriptions; another server's quoted commas would
    // only break that metric's description, never a name or a duration read before it.
    for (String metric : header.split(",")) {
      String[] parts = metric.split(";");
      String name = parts[0].strip();
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].strip();
        if (!name.isEmpty() && param.startsWith("dur=")) {
          try {
            millis.put(name, Double.parseDouble(param.substring(4).strip()));
          } catch (NumberFormatException e) {
            // not a duration: skipped like an unknown parameter
          }
        }
      }
    }
    return millis;
  }
}
