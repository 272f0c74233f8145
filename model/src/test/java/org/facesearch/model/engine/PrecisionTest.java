package org.facesearch.model.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecisionTest {
  @TempDir Path temp;

  @Test
  void parsesTheFourNamesInAnyCaseAndNamesThemWhenWrong() {
    assertEquals(Precision.BF16, Precision.parse(" BF16 "));
    assertEquals(Precision.INT8, Precision.parse("int8"));
    assertEquals(Precision.FP32, Precision.parse("fp32"));
    assertEquals(Precision.AUTO, Precision.parse("Auto"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp16"));
    assertEquals(
        "unknown precision 'fp16'; expected one of auto, fp32, bf16, int8", e.getMessage());
  }

  @Test
  void thePropertyWinsOverTheEnvironmentWhichWinsOverAuto() {
    Map<String, String> env = Map.of(Precision.ENV, "fp32");
    assertEquals(Precision.BF16, Precision.configured("bf16", env));
    assertEquals(Precision.FP32, Precision.configured(null, env));
    assertEquals(Precision.AUTO, Precision.configured(" ", Map.of()));
  }

  @Test
  void anExplicitChoiceIsKeptOnEveryDevice() {
    assertEquals(Precision.FP32, Precision.FP32.resolve(Device.cpu()));
    assertEquals(Precision.BF16, Precision.BF16.resolve(Device.gpu(0)));
    assertEquals(Precision.FP32, Precision.AUTO.resolve(Device.gpu(0)));
  }

  @Test
  void trainingTakesBf16OnlyWhenAskedByNameAndNeverInt8() {
    assertEquals(Precision.FP32, Precision.AUTO.forTraining());
    assertEquals(Precision.FP32, Precision.INT8.forTraining());
    assertEquals(Precision.BF16, Precision.BF16.forTraining());
    assertEquals(Precision.FP32, Precision.FP32.forTraining());
  }

  @Test
  void int8ByNameIsForTheCpuOnly() {
    assertTrue(Precision.INT8.whyNotOn(Device.cpu()).isEmpty());
    assertTrue(
        Precision.INT8
            .whyNotOn(Device.gpu(0))
            .orElseThrow()
            .toString()
            .contains("int8: it runs on the CPU through ONNX Runtime"));
  }

  @Test
  void nativeBf16IsReadFromTheCpuFlags() throws IOException {
    Path zen4 = temp.resolve("zen4");
    Files.writeString(
        zen4,
        "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
            + "flags\t\t: fpu sse2 avx2 avx512f avx512_bf16 avx512_vnni\n");
    Path skylake = temp.resolve("skylake");
    Files.writeString(skylake, "flags\t\t: fpu sse2 avx2 avx512f avx512bw avx512_vnni\n");
    Path sapphire = temp.resolve("sapphire");
    Files.writeString(sapphire, "flags\t\t: avx512f amx_bf16 amx_tile\n");
    assertTrue(Precision.CpuFlags.read(zen4).nativeBf16());
    assertFalse(Precision.CpuFlags.read(skylake).nativeBf16());
    assertTrue(Precision.CpuFlags.read(sapphire).nativeBf16());
    assertFalse(Precision.CpuFlags.read(temp.resolve("missing")).nativeBf16());
  }

  @Test
  void bf16ByNameIsRefusedOnlyOnACpuThatWouldEmulateIt() {
    Precision.CpuFlags zen2 = new Precision.CpuFlags("flags\t\t: fpu sse4_2 avx fma avx2");
    Precision.CpuFlags zen4 = new Precision.CpuFlags("flags\t\t: avx2 avx512f avx512_bf16");
    String why = Precision.BF16.whyNotOn(Device.cpu(), zen2).orElseThrow().toString();
    assertTrue(why.startsWith("the precision bf16: this CPU has no native bf16"), why);
    assertTrue(why.endsWith("ask for fp32, or auto, which picks fp32 on this CPU"), why);
    assertTrue(Precision.BF16.whyNotOn(Device.cpu(), zen4).isEmpty());
    assertTrue(Precision.BF16.whyNotOn(Device.gpu(0), zen2).isEmpty());
    assertTrue(Precision.AUTO.whyNotOn(Device.cpu(), zen2).isEmpty());
    assertTrue(Precision.FP32.whyNotOn(Device.cpu(), zen2).isEmpty());
  }
}
