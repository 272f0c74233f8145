package org.facesearch.model.engine;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.facesearch.data.setting.SettingMessage;

/**
 * The number format a network computes in. Weights stay fp32 on disk and in memory either way;
 * {@link #BF16} runs convolutions and linear layers on bfloat16 copies (outputs back to fp32);
 * {@link #INT8} runs a calibrated bundle's inference on ONNX Runtime in 8 bits.
 */
public enum Precision {
  /**
   * bf16 where the CPU computes it natively, else fp32; for inference on the CPU, int8 wherever the
   * bundle carries a calibration, native bf16 or not (the bundle decides: {@code
   * ModelBundle.embedder}).
   */
  AUTO,
  FP32,
  /**
   * bf16 by name. A process configured so refuses to start PyTorch on a CPU without native bf16
   * ({@link #whyNotOn}); given to an embedder or training step directly, it computes there too, in
   * PyTorch's emulation (what the bf16 tests rely on, not what a user wants).
   */
  BF16,
  /**
   * Inference in int8 on ONNX Runtime, from the bundle's calibration ({@code int8.json}, made by
   * {@code facesearch models quantize}): about twice fp32's faces a second on two AVX2 cores and
   * 1.3-1.7x PyTorch's bf16 on CPUs with native bf16, the default model's vectors at cosine 0.995
   * or more to fp32's. Training computes in fp32.
   */
  INT8;

  /** Environment variable read when no {@code --precision} is given. */
  public static final String ENV = "FACESEARCH_PRECISION";

  /** System property that wins over {@link #ENV} (what {@code --precision} sets). */
  public static final String PROPERTY = "facesearch.precision";

  /** Parses {@code auto}, {@code fp32}, {@code bf16} or {@code int8} (any case). */
  public static Precision parse(String text) {
    for (Precision p : values()) {
      if (p.name().equalsIgnoreCase(text.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown precision '"
            + text
            + "'; expected one of "
            + Arrays.stream(values()).map(Precision::toString).collect(Collectors.joining(", ")));
  }

  /** The choice of this process: {@link #PROPERTY}, else {@link #ENV}, else {@link #AUTO}. */
  public static Precision configured() {
    return configured(System.getProperty(PROPERTY), System.getenv());
  }

  static Precision configured(String property, Map<String, String> env) {
    if (property != null && !property.isBlank()) {
      return parse(property);
    }
    String fromEnv = env.get(ENV);
    return fromEnv == null || fromEnv.isBlank() ? AUTO : parse(fromEnv);
  }

  /**
   * {@link #FP32} or {@link #BF16}: AUTO becomes bf16 on a CPU whose flags list {@code avx512_bf16}
   * or {@code amx_bf16} (without them oneDNN emulates bf16, slower than fp32), else fp32.
   */
  public Precision resolve(Device device) {
    if (this != AUTO) {
      return this;
    }
    return Device.Type.CPU.equals(device.getDeviceType()) && CpuFlags.LOCAL.nativeBf16()
        ? BF16
        : FP32;
  }

  /**
   * The precision a training run takes: an explicit choice as it is, but AUTO stays fp32. Mixed
   * precision trains (bf16 forward and backward, fp32 weights and Adam) at about twice the images a
   * second, and the shipped default's last stage was trained so; but the only pair of runs that
   * differ in nothing else (the 64x64 student) left bf16 0.7 points behind on View 1, inside the
   * noise. Until a second pair says which way that goes, bf16 training is asked for by name ({@code
   * --precision bf16}).
   */
  public Precision forTraining() {
    return this == AUTO || this == INT8 ? FP32 : this;
  }

  /**
   * Why this precision, asked for by name, should not run on {@code device}: bf16 on a CPU without
   * native bf16, where PyTorch falls back to its reference kernels (the default model's bf16
   * forward pass took 5.6-6.3x fp32's CPU time on an AVX2 EPYC, bench/ForwardPassProbe.java, so a
   * bf16 training run there would take hours longer than an fp32 one). Empty when it may run.
   */
  public Optional<SettingMessage> whyNotOn(Device device) {
    return whyNotOn(device, CpuFlags.LOCAL);
  }

  Optional<SettingMessage> whyNotOn(Device device, CpuFlags cpu) {
    if (this == INT8 && !Device.Type.CPU.equals(device.getDeviceType())) {
      return Optional.of(
          SettingMessage.of(
              EngineSetting.PRECISION,
              " int8: it runs on the CPU through ONNX Runtime, and this process computes on "
                  + device
                  + "; ask for auto or fp32"));
    }
    if (this != BF16 || !Device.Type.CPU.equals(device.getDeviceType()) || cpu.nativeBf16()) {
      return Optional.empty();
    }
    return Optional.of(
        SettingMessage.of(
            EngineSetting.PRECISION,
            " bf16: this CPU has no native bf16 (its flags list neither avx512_bf16 nor amx_bf16),"
                + " so PyTorch would emulate it at several times fp32's cost; ask for fp32, or"
                + " auto, which picks fp32 on this CPU"));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@code flags} line of {@code /proc/cpuinfo}; empty where there is none (not Linux). */
  record CpuFlags(String flags) {
    static final CpuFlags LOCAL = read(Path.of("/proc/cpuinfo"));

    static CpuFlags read(Path cpuinfo) {
      try {
        return Files.readAllLines(cpuinfo).stream()
            .filter(line -> line.startsWith("flags"))
            .findFirst()
            .map(CpuFlags::new)
            .orElse(new CpuFlags(""));
      } catch (IOException e) {
        return new CpuFlags("");
      }
    }

    boolean nativeBf16() {
      String padded = " " + flags.replace('\t', ' ').replace(':', ' ') + " ";
      return padded.contains(" avx512_bf16 ") || padded.contains(" amx_bf16 ");
    }
  }
}
