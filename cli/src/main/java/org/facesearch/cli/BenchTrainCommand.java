package org.facesearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.facesearch.bench.TrainBenchmark;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code facesearch bench train}: training and embedding images/s of ResNet-18 at 64x64. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Print training and embedding images/s of ResNet-18 + TriNet at 64x64 (random pixels).")
public final class BenchTrainCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--batch",
      defaultValue = "64",
      paramLabel = "N",
      description = "Images per step (default 64).")
  int batch;

  @Option(
      names = "--steps",
      defaultValue = "10",
      paramLabel = "N",
      description = "Timed steps after one warm-up (default 10).")
  int steps;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "auto, cpu or gpu.")
  String device;

  @Option(
      names = "--libtorch",
      paramLabel = "DIR",
      description = "A libtorch lib folder instead of the bundled CPU build.")
  Path libtorch;

  @Override
  public void run() {
    TorchRuntime runtime =
        TorchRuntime.start(
            EngineOptions.resolve(libtorch, DeviceChoice.parse(device), System.getenv()));
    Precision resolved = Precision.configured().resolve(runtime.device());
    // int8 is for a calibrated bundle's inference; this benchmark's network computes in fp32 then.
    Precision precision = resolved == Precision.INT8 ? Precision.FP32 : resolved;
    TrainBenchmark.Result r = TrainBenchmark.measure(runtime, batch, steps, precision);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "device: %s, precision %s, batch %d, %d cores, %d intra-op threads%n",
        r.device(),
        precision,
        r.batch(),
        Runtime.getRuntime().availableProcessors(),
        runtime.intraOpThreads());
    out.printf("training (batch-hard triplet step): %.1f images/s%n", r.trainImagesPerSecond());
    out.printf("embedding (inference forward):     %.1f images/s%n", r.embedImagesPerSecond());
    out.flush();
  }
}
