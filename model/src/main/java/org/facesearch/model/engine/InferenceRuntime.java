package org.facesearch.model.engine;

import ai.djl.Device;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.facesearch.data.setting.SettingMessage;

/**
 * What runs a trained network's inference passes: PyTorch (through DJL) or ONNX Runtime from the
 * network's ONNX export. Training always runs on PyTorch.
 */
public enum InferenceRuntime {
  /**
   * ONNX Runtime where it is the faster of the two and computes the same numbers: on a CPU in fp32.
   * On a GPU, or in bf16 (a CPU with native bf16), PyTorch; also for a network ONNX Runtime cannot
   * take.
   */
  AUTO,
  PYTORCH,
  /** ONNX Runtime by name: refused in bf16, which it does not compute ({@link #whyNot}). */
  ONNXRUNTIME;

  /** Environment variable read when no {@code --runtime} is given. */
  public static final String ENV = "FACESEARCH_RUNTIME";

  /** System property that wins over {@link #ENV} (what {@code --runtime} sets). */
  public static final String PROPERTY = "facesearch.runtime";

  /** Parses {@code auto}, {@code pytorch} or {@code onnxruntime} (any case). */
  public static InferenceRuntime parse(String text) {
    for (InferenceRuntime r : values()) {
      if (r.name().equalsIgnoreCase(text.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown inference runtime '"
            + text
            + "'; expected one of "
            + Arrays.stream(values())
                .map(InferenceRuntime::toString)
                .collect(Collectors.joining(", ")));
  }

  /** The choice of this process: {@link #PROPERTY}, else {@link #ENV}, else {@link #AUTO}. */
  public static InferenceRuntime configured() {
    return configured(System.getProperty(PROPERTY), System.getenv());
  }

  static InferenceRuntime configured(String property, Map<String, String> env) {
    if (property != null && !property.isBlank()) {
      return parse(property);
    }
    String fromEnv = env.get(ENV);
    return fromEnv == null || fromEnv.isBlank() ? AUTO : parse(fromEnv);
  }

  /**
   * {@link #PYTORCH} or {@link #ONNXRUNTIME} for a network computing in {@code precision}
   * (resolved) on {@code device}, when {@code exportable} says whether ONNX Runtime can take it at
   * all.
   *
   * @throws IllegalArgumentException for {@link Precision#AUTO}
   */
  public InferenceRuntime resolve(Device device, Precision precision, boolean exportable) {
    if (precision == Precision.AUTO) {
      throw new IllegalArgumentException("resolve the precision first");
    }
    return switch (this) {
      case PYTORCH, ONNXRUNTIME -> this;
      case AUTO ->
          exportable
                  && (precision == Precision.FP32 || precision == Precision.INT8)
                  && Device.Type.CPU.equals(device.getDeviceType())
              ? ONNXRUNTIME
              : PYTORCH;
    };
  }

  /**
   * Why this runtime, asked for by name, cannot run a network in {@code precision} (resolved), or
   * one ONNX Runtime cannot take ({@code exportable} false, e.g. the 19-layer CNN); empty when it
   * can.
   */
  public Optional<SettingMessage> whyNot(Precision precision, boolean exportable, String network) {
    if (this == PYTORCH && precision == Precision.INT8) {
      return Optional.of(
          SettingMessage.of(
              EngineSetting.RUNTIME,
              " pytorch: int8 runs on ONNX Runtime only; ask for auto or onnxruntime, or for fp32"
                  + " precision"));
    }
    if (this != ONNXRUNTIME) {
      return Optional.empty();
    }
    if (!exportable) {
      return Optional.of(
          SettingMessage.of(
              EngineSetting.RUNTIME,
              " onnxruntime: " + network + " runs on PyTorch only; ask for auto or pytorch"));
    }
    if (precision == Precision.BF16) {
      return Optional.of(
          SettingMessage.of(
              EngineSetting.RUNTIME,
              " onnxruntime runs the networks' fp32 exports only, and this process computes in bf16; ask for"
                  + " auto (bf16 on PyTorch) or fp32 precision"));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
