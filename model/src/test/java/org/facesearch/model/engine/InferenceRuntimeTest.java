package org.facesearch.model.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceRuntimeTest {
  private static final Device CPU = Device.cpu();
  private static final Device GPU = Device.gpu();

  @Test
  void autoPicksOnnxRuntimeOnlyForAnExportableNetworkInFp32OnTheCpu() {
    InferenceRuntime auto = InferenceRuntime.AUTO;
    assertEquals(InferenceRuntime.ONNXRUNTIME, auto.resolve(CPU, Precision.FP32, true));
    assertEquals(InferenceRuntime.PYTORCH, auto.resolve(CPU, Precision.BF16, true));
    assertEquals(InferenceRuntime.PYTORCH, auto.resolve(GPU, Precision.FP32, true));
    assertEquals(InferenceRuntime.PYTORCH, auto.resolve(CPU, Precision.FP32, false));
    // A choice by name stands; whyNot says when it cannot.
    assertEquals(
        InferenceRuntime.PYTORCH, InferenceRuntime.PYTORCH.resolve(CPU, Precision.FP32, true));
    assertEquals(
        InferenceRuntime.ONNXRUNTIME,
        InferenceRuntime.ONNXRUNTIME.resolve(GPU, Precision.FP32, true));
    assertThrows(IllegalArgumentException.class, () -> auto.resolve(CPU, Precision.AUTO, true));
  }

  @Test
  void openCvByNameIsRefusedInBf16AndForANetworkWithoutAnExport() {
    String bf16 =
        InferenceRuntime.ONNXRUNTIME
            .whyNot(Precision.BF16, true, "m")
            .orElseThrow()
            .render(s -> "--runtime");
    assertEquals(
        "--runtime onnxruntime runs the networks' fp32 exports only, and this process computes in bf16; ask for auto"
            + " (bf16 on PyTorch) or fp32 precision",
        bf16);
    String cnn =
        InferenceRuntime.ONNXRUNTIME
            .whyNot(Precision.FP32, false, "bce-1 (cnn19)")
            .orElseThrow()
            .render(s -> "--runtime");
    assertEquals(
        "--runtime onnxruntime: bce-1 (cnn19) runs on PyTorch only; ask for auto or pytorch", cnn);
    assertTrue(InferenceRuntime.ONNXRUNTIME.whyNot(Precision.FP32, true, "m").isEmpty());
    assertTrue(InferenceRuntime.AUTO.whyNot(Precision.BF16, false, "m").isEmpty());
  }

  @Test
  void theFlagWinsOverTheEnvironmentAndNonsenseIsNamed() {
    Map<String, String> env = Map.of(InferenceRuntime.ENV, "pytorch");
    assertEquals(InferenceRuntime.ONNXRUNTIME, InferenceRuntime.configured("OnnxRuntime", env));
    assertEquals(InferenceRuntime.PYTORCH, InferenceRuntime.configured(null, env));
    assertEquals(InferenceRuntime.AUTO, InferenceRuntime.configured(" ", Map.of()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> InferenceRuntime.parse("onnx"));
    assertEquals(
        "unknown inference runtime 'onnx'; expected one of auto, pytorch, onnxruntime",
        e.getMessage());
  }
}
