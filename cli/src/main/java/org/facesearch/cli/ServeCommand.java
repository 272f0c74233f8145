package org.facesearch.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.model.engine.TorchRuntime;
import org.facesearch.web.LiveGallery;
import org.facesearch.web.ServerSettings;
import org.facesearch.web.WebServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code facesearch serve}: the web site and JSON API over the index, until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the look-alike search site and JSON API (see /api/openapi.json) until stopped with"
          + " Ctrl-C.",
      "A new build made by `facesearch reindex` is picked up without a restart. Admin actions"
          + " (POST /api/enroll) are enabled only when FACESEARCH_ADMIN_TOKEN is set."
    })
final class ServeCommand implements Callable<Integer> {
  static final String ADMIN_TOKEN_VARIABLE = "FACESEARCH_ADMIN_TOKEN";

  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin DetectorOption detector;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Model bundle folder, or pixels-<size>-<rgb|grey> (default: the model the serving build"
              + " was made with, followed when a re-index changes it).")
  String model;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port to listen on (default 7070; 0 picks a free one).")
  int port = ServerSettings.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to bind (default 127.0.0.1: this machine only).")
  String host = ServerSettings.DEFAULT_HOST;

  @Option(
      names = "--max-upload-mb",
      paramLabel = "MB",
      description = "Largest photo accepted, in MB (default 10).")
  double maxUploadMb = ServerSettings.DEFAULT_MAX_UPLOAD_BYTES / (1024.0 * 1024.0);

  @Option(
      names = "--max-batch",
      paramLabel = "N",
      description =
          "Most faces of concurrent requests embedded in one forward pass (default "
              + LiveGallery.DEFAULT_MAX_BATCH
              + "; 1: each request embeds on its own).")
  int maxBatch = LiveGallery.DEFAULT_MAX_BATCH;

  /**
   * Left to libtorch (one thread per core) until a quiet machine says otherwise: one thread per
   * forward pass took 0.76-0.93x the server CPU per request in every run beside a training run, but
   * its latency there swung from 0.84x to 3x with the training's share of the cores (BENCHMARKS.md,
   * section 3).
   */
  @Option(
      names = "--torch-threads",
      paramLabel = "N",
      description =
          "Threads per forward pass, PyTorch's and ONNX Runtime's (default: one per core). 1"
              + " spends less CPU per request when requests run side by side.")
  Integer torchThreads;

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description =
          "Score (cosine) overriding the model's verification threshold, and the look-alike"
              + " probability's 50%% point for the search page's open-set answer.")
  Double threshold;

  @Override
  public Integer call() {
    ServerSettings settings = settings();
    if (maxBatch < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max-batch must be at least 1, got " + maxBatch);
    }
    if (torchThreads != null) {
      if (torchThreads < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--torch-threads must be at least 1, got " + torchThreads);
      }
      // Before the model loads: libtorch and ONNX Runtime take the count when they start.
      TorchRuntime.useIntraOpThreads(torchThreads);
    }
    ImageLimits defaults = ImageLimits.DEFAULT;
    ImageLimits limits =
        new ImageLimits(
            settings.maxUploadBytes(),
            defaults.maxWidth(),
            defaults.maxHeight(),
            defaults.maxPixels());
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // Ctrl-C: let the main thread stop the server and release the index before the JVM exits.
    Thread hook =
        new Thread(
            () -> {
              stopped.countDown();
              try {
                closed.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try (FaceReader faces = detector.reader(limits);
        LiveGallery gallery =
            LiveGallery.open(
                index.root(), model, threshold, faces, maxBatch, settings.refreshEvery());
        WebServer server = WebServer.start(settings, gallery, faces)) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("facesearch serving " + gallery.root().location() + " at " + server.uri());
      gallery.problem().ifPresent(problem -> out.println("warning: " + problem));
      if (settings.adminToken().isPresent()) {
        out.println("admin API enabled (" + ADMIN_TOKEN_VARIABLE + " is set)");
      }
      out.flush();
      Runtime.getRuntime().addShutdownHook(hook);
      stopped.await();
    } catch (InterruptedException e) {
      // Interrupted (e.g. by an embedding program): stop serving like Ctrl-C does.
      Thread.currentThread().interrupt();
    } finally {
      closed.countDown();
      removeHook(hook);
    }
    return 0;
  }

  private ServerSettings settings() {
    if (port < 0 || port > 65_535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port must be in 0..65535, got " + port);
    }
    long maxUpload = Math.round(maxUploadMb * 1024 * 1024);
    if (maxUpload < 1 || maxUpload > ServerSettings.MAX_UPLOAD_LIMIT) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--max-upload-mb must be more than 0 and at most "
              + ServerSettings.MAX_UPLOAD_LIMIT / (1024 * 1024)
              + ", got "
              + maxUploadMb);
    }
    try {
      return new ServerSettings(
          host,
          port,
          maxUpload,
          Optional.ofNullable(System.getenv(ADMIN_TOKEN_VARIABLE))
              .filter(token -> !token.isEmpty()),
          ServerSettings.DEFAULT_REFRESH);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running, which is how we got here.
    }
  }
}
