package org.facesearch.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.facesearch.bench.PyTorchReference;
import org.facesearch.bench.TrainBenchmark;
import org.facesearch.bench.TrainBenchmark.Kind;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.Precision;
import org.facesearch.model.engine.TorchRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facesearch bench speed}: DJL against PyTorch on the same network, batch, input and step,
 * alternating within one run (the machine's speed drifts between runs; ratios within one run are
 * what can be compared).
 */
@Command(
    name = "speed",
    mixinStandardHelpOptions = true,
    description = {
      "Compare DJL's training and embedding images/s with PyTorch's on this CPU (ResNet-18 +"
          + " TriNet, 64x64, batch-hard triplet step with Adam), fp32 and the fastest precision"
          + " of each, alternating DJL and PyTorch in each round; prints the best round of each.",
      "PyTorch's side is bench/torch_speed.py under Debian's python3 (apt-get install -y"
          + " python3-torch python3-torchvision)."
    })
public final class BenchSpeedCommand implements Runnable {
  /** DJL's precisions, then PyTorch's variants (the script's names) of each kind. */
  private static final List<String> DJL = List.of("fp32", "bf16");

  private static final Map<Kind, List<String>> TORCH =
      Map.of(
          Kind.TRAIN, List.of("fp32", "fp32-cl", "bf16"),
          Kind.EMBED, List.of("fp32", "fp32-cl", "bf16", "bf16-cast"));

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
      description = "Timed steps per measurement, after one warm-up (default 10).")
  int steps;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      paramLabel = "N",
      description = "Rounds of DJL then PyTorch; the best of each is kept (default 2).")
  int rounds;

  @Option(
      names = "--threads",
      defaultValue = "2",
      paramLabel = "N",
      description = "Intra-op threads on both sides (default 2).")
  int threads;

  @Option(
      names = "--emulated-bf16",
      description =
          "Measure bf16 on a CPU without native bf16 too (PyTorch emulates it there at several"
              + " times fp32's cost, so by default only fp32 variants run on such a CPU).")
  boolean emulatedBf16;

  @Option(
      names = "--python",
      defaultValue = "/usr/bin/python3",
      paramLabel = "FILE",
      description = "Python with PyTorch (default Debian's /usr/bin/python3).")
  Path python;

  @Override
  public void run() {
    if (batch < 8 || steps < 1 || rounds < 1 || threads < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--batch must be >= 8 and --steps, --rounds, --threads >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    // On an AVX2-only CPU one emulated bf16 round took over ten minutes and says nothing a user of
    // that CPU needs: the product picks fp32 there (Precision.AUTO).
    boolean bf16 = emulatedBf16 || Precision.BF16.whyNotOn(Device.cpu()).isEmpty();
    List<String> djlVariants = bf16 ? DJL : List.of("fp32");
    Map<Kind, List<String>> torchVariantsOf = new LinkedHashMap<>();
    TORCH.forEach(
        (kind, variants) ->
            torchVariantsOf.put(
                kind, variants.stream().filter(v -> bf16 || !v.startsWith("bf16")).toList()));
    // PyTorch first: a missing install is reported before a minute of DJL measurements.
    try (PyTorchReference torch = PyTorchReference.start(python, threads)) {
      TorchRuntime runtime = TorchRuntime.start(EngineOptions.fromEnvironment(DeviceChoice.CPU));
      runtime.setIntraOpThreads(threads);
      try (TrainBenchmark djl = new TrainBenchmark(runtime, batch)) {
        out.printf(
            "DJL %s (libtorch %s) and PyTorch %s (torchvision %s), %d intra-op threads each"
                + " (PyTorch reports %s), %d cores%n",
            ai.djl.engine.Engine.getDjlVersion(),
            runtime.engine().getVersion(),
            torch.about().get("torch").asString(),
            torch.about().get("torchvision").asString(),
            threads,
            torch.about().get("threads").asString(),
            Runtime.getRuntime().availableProcessors());
        out.printf(
            "ResNet-18 + TriNet, 64x64, batch %d; backbone parameters DJL %,d, PyTorch %,d; head"
                + " %,d and %,d%n",
            batch,
            djl.backboneParameters(),
            torch.about().get("backbone_parameters").asLong(),
            djl.headParameters(),
            torch.about().get("head_parameters").asLong());
        out.printf(
            "%d rounds, each DJL then PyTorch per precision, %d timed steps after 1 warm-up;"
                + " best round of each%n",
            rounds, steps);
        out.printf(
            bf16
                ? "%n"
                : "this CPU has no native bf16 (its flags list neither avx512_bf16 nor amx_bf16):"
                    + " fp32 variants only (--emulated-bf16 to measure bf16 anyway)%n%n");
        out.flush();
        Map<String, Double> best = new LinkedHashMap<>();
        // Each figure as it comes (on stderr): a slow machine shows progress, and the spread
        // between rounds shows how noisy it is.
        PrintWriter progress = spec.commandLine().getErr();
        for (int round = 1; round <= rounds; round++) {
          for (Kind kind : Kind.values()) {
            List<String> torchVariants = torchVariantsOf.get(kind);
            int n = Math.max(djlVariants.size(), torchVariants.size());
            for (int i = 0; i < n; i++) {
              String name = kind.name().toLowerCase(Locale.ROOT);
              if (i < djlVariants.size()) {
                String p = djlVariants.get(i);
                double value = djl.imagesPerSecond(kind, Precision.parse(p), steps);
                keep(best, "djl " + name + " " + p, value);
                progress.printf("round %d: djl %s %s %.1f img/s%n", round, name, p, value);
              }
              if (i < torchVariants.size()) {
                String p = torchVariants.get(i);
                double value = torch.imagesPerSecond(name, p, batch, steps);
                keep(best, "torch " + name + " " + p, value);
                progress.printf("round %d: pytorch %s %s %.1f img/s%n", round, name, p, value);
              }
            }
          }
        }
        print(out, best, djlVariants, torchVariantsOf);
      }
    }
    out.flush();
  }

  private static void keep(Map<String, Double> best, String key, double value) {
    best.merge(key, value, Math::max);
  }

  private static void print(
      PrintWriter out,
      Map<String, Double> best,
      List<String> djlVariants,
      Map<Kind, List<String>> torchVariants) {
    out.printf(
        "%-7s %-22s %12s %-10s %14s %10s%n", "", "DJL", "img/s", "PyTorch", "img/s", "DJL/PyT");
    for (Kind kind : Kind.values()) {
      String k = kind.name().toLowerCase(Locale.ROOT);
      double djlFp32 = best.get("djl " + k + " fp32");
      double torchFp32 = best.get("torch " + k + " fp32");
      out.printf(
          "%-7s %-22s %12.1f %-10s %14.1f %10.2f%n",
          k, "fp32", djlFp32, "fp32", torchFp32, djlFp32 / torchFp32);
      String djlBest = fastest(best, "djl " + k + " ", djlVariants);
      String torchBest = fastest(best, "torch " + k + " ", torchVariants.get(kind));
      double d = best.get("djl " + k + " " + djlBest);
      double t = best.get("torch " + k + " " + torchBest);
      out.printf(
          "%-7s %-22s %12.1f %-10s %14.1f %10.2f%n", k, "best: " + djlBest, d, torchBest, t, d / t);
    }
    out.println();
    out.println("every figure (img/s, best round):");
    best.forEach(
        (key, value) -> out.printf("  %-24s %10.1f%n", key.replace("torch ", "pytorch "), value));
  }

  private static String fastest(Map<String, Double> best, String prefix, List<String> variants) {
    String winner = variants.get(0);
    for (String v : variants) {
      if (best.get(prefix + v) > best.get(prefix + winner)) {
        winner = v;
      }
    }
    return winner;
  }
}
