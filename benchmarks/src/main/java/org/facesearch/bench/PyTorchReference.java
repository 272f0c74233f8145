package org.facesearch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PyTorch's side of the speed comparison: {@code bench/torch_speed.py} running as a worker under
 * Debian's {@code python3} (with {@code python3-torch} and {@code python3-torchvision}), asked for
 * one measurement at a time so that DJL's and PyTorch's can alternate in one run.
 */
public final class PyTorchReference implements AutoCloseable {
  /** Debian's interpreter: the one its {@code python3-torch} package is built for. */
  public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

  private static final String SCRIPT = "torch_speed.py";
  private static final String INSTALL = "apt-get install -y python3-torch python3-torchvision";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final PrintWriter requests;
  private final BufferedReader answers;
  private final JsonNode about;

  private PyTorchReference(Process process, JsonNode about) {
    this.process = process;
    this.requests = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
    this.answers = process.inputReader(StandardCharsets.UTF_8);
    this.about = about;
  }

  /**
   * Starts the worker with {@code threads} intra-op threads (and {@code OMP_NUM_THREADS} set to the
   * same).
   *
   * @throws PyTorchUnavailableException when the interpreter or its torch packages are missing
   */
  public static PyTorchReference start(Path python, int threads) {
    if (!Files.isExecutable(python)) {
      throw new PyTorchUnavailableException(
          "PyTorch's side needs " + python + " with PyTorch; install it with: " + INSTALL);
    }
    ProcessBuilder builder =
        new ProcessBuilder(List.of(python.toString(), "-c", script(), Integer.toString(threads)))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    env.put("OMP_NUM_THREADS", Integer.toString(threads));
    // A user's PYTHONPATH could put another torch in front of Debian's.
    env.remove("PYTHONPATH");
    env.remove("PYTHONHOME");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PyTorchUnavailableException(
          "cannot start " + python + " (" + e.getMessage() + "); install PyTorch with: " + INSTALL);
    }
    try {
      BufferedReader reader = process.inputReader(StandardCharsets.UTF_8);
      String first = reader.readLine();
      JsonNode about = first == null ? null : JSON.readTree(first);
      if (about == null || about.has("error")) {
        process.destroy();
        String why = about == null ? "it exited at once" : about.get("error").asString();
        throw new PyTorchUnavailableException(
            "PyTorch's side cannot run under "
                + python
                + " ("
                + why
                + "); install it with: "
                + INSTALL);
      }
      return new PyTorchReference(process, about);
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException(e);
    }
  }

  /** The worker's self-description: versions, thread counts, parameter counts. */
  public JsonNode about() {
    return about;
  }

  /**
   * Images per second of {@code kind} ({@code train} or {@code embed}) in {@code precision} (the
   * script's names: fp32, fp32-cl, bf16, bf16-cast) over {@code steps} timed batches.
   */
  public double imagesPerSecond(String kind, String precision, int batch, int steps) {
    requests.println(kind + " " + precision + " " + batch + " " + steps);
    try {
      String line = answers.readLine();
      if (line == null) {
        throw new IllegalStateException(
            "PyTorch's worker exited during '" + kind + " " + precision + "'");
      }
      JsonNode answer = JSON.readTree(line);
      if (answer.has("error")) {
        throw new IllegalStateException("PyTorch's worker: " + answer.get("error").asString());
      }
      return answer.get("images_per_second").asDouble();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    requests.println("quit");
    requests.close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String script() {
    try (InputStream in = PyTorchReference.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the trainer jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
