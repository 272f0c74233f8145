package org.facesearch.model.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchRuntimeTest {
  private static TorchRuntime bundled;

  @TempDir Path temp;

  @BeforeAll
  static void startBundledEngine() {
    bundled = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.AUTO));
  }

  @Test
  void bundledBuildRunsOnCpuFromDjlsExtractionFolder() {
    // This machine has no GPU, so auto must settle on the CPU.
    assertEquals("cpu", bundled.deviceDescription());
    assertTrue(Files.isRegularFile(bundled.libtorchDir().resolve("libtorch.so")));
  }

  @Test
  void gpuOnACpuOnlyBuildIsAClearError() {
    EngineSetupException e =
        assertThrows(
            EngineSetupException.class,
            () -> TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.GPU)));
    assertEquals(
        "the device gpu: libtorch at "
            + bundled.libtorchDir()
            + " is a CPU-only build (give a CUDA"
            + " build with the libtorch folder or FACESEARCH_LIBTORCH)",
        e.getMessage());
    // The command line renders the same sentence with its flags for these.
    assertEquals(List.of(EngineSetting.DEVICE, EngineSetting.LIBTORCH), e.settings());
  }

  @Test
  void missingLibtorchFolderIsNamed() {
    Path missing = temp.resolve("no-such-torch/lib");
    EngineSetupException e = assertThrows(EngineSetupException.class, () -> startWith(missing));
    assertEquals("libtorch folder " + missing + " does not exist", e.getMessage());
  }

  @Test
  void aFileInsteadOfAFolderIsNamed() throws IOException {
    Path file = Files.writeString(temp.resolve("libtorch.so"), "not a folder");
    EngineSetupException e = assertThrows(EngineSetupException.class, () -> startWith(file));
    assertTrue(e.getMessage().startsWith("libtorch folder " + file + " is a file, not a folder"));
  }

  @Test
  void aFolderWithoutLibtorchIsNamedWithWhatIsMissing() throws IOException {
    Path empty = Files.createDirectory(temp.resolve("lib"));
    Files.writeString(empty.resolve("README"), "nothing to load");
    EngineSetupException e = assertThrows(EngineSetupException.class, () -> startWith(empty));
    assertTrue(
        e.getMessage().startsWith("libtorch folder " + empty + " has no libtorch.so"),
        e.getMessage());
  }

  @Test
  void libtorchFlagLoadsTheGivenFolderInAFreshProcess() throws Exception {
    // A folder of links to the extracted bundled build: a different path with working libraries,
    // so the reported path proves DJL loaded the given folder rather than falling back.
    Path lib = Files.createDirectory(temp.resolve("torch-lib"));
    try (var files = Files.list(bundled.libtorchDir())) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().contains("djl_torch")) {
          Files.createSymbolicLink(lib.resolve(f.getFileName()), f);
        }
      }
    }
    Probe probe;
    try {
      probe = probe(lib.toString(), Map.of());
    } finally {
      try (var links = Files.list(lib)) {
        for (Path link : links.toList()) {
          Files.delete(link);
        }
      }
    }
    assertEquals(0, probe.exitCode(), probe.output());
    assertTrue(probe.output().contains("loaded-from=" + lib + "\n"), probe.output());
    assertTrue(probe.output().contains("device=cpu\n"), probe.output());
    assertTrue(probe.output().contains("sum=7.0\n"), probe.output());
  }

  @Test
  void aSecondStartCannotSwitchToAnotherLibtorch() throws IOException {
    // Looks like a libtorch folder, but this process already runs the bundled one.
    Path other = Files.createDirectory(temp.resolve("other-torch"));
    for (String name : List.of("libtorch.so", "libtorch_cpu.so", "libc10.so")) {
      Files.writeString(other.resolve(name), "never loaded");
    }
    try {
      EngineSetupException e = assertThrows(EngineSetupException.class, () -> startWith(other));
      assertEquals(
          "PyTorch is already loaded from "
              + bundled.libtorchDir()
              + " in this process and"
              + " cannot switch to libtorch folder "
              + other,
          e.getMessage());
    } finally {
      System.clearProperty("PYTORCH_LIBRARY_PATH");
      System.clearProperty("PYTORCH_FLAVOR");
    }
  }

  @Test
  void environmentVariableNamesTheExtractedBundledFolder() throws Exception {
    Probe probe = probe("-", Map.of(EngineOptions.LIBTORCH_ENV, bundled.libtorchDir().toString()));
    assertEquals(0, probe.exitCode(), probe.output());
    assertTrue(
        probe.output().contains("loaded-from=" + bundled.libtorchDir() + "\n"), probe.output());
    assertTrue(probe.output().contains("sum=7.0\n"), probe.output());
  }

  @Test
  void unloadableLibrariesGiveAnErrorNamingTheFolderAndTheCause() throws Exception {
    Path lib = Files.createDirectory(temp.resolve("broken-lib"));
    for (String name : List.of("libtorch.so", "libtorch_cpu.so", "libc10.so")) {
      Files.writeString(lib.resolve(name), "this is not a shared object\n".repeat(40));
    }
    Probe probe = probe(lib.toString(), Map.of());
    assertEquals(3, probe.exitCode(), probe.output());
    assertTrue(
        probe.output().contains("error=cannot load PyTorch from libtorch folder " + lib + ": "),
        probe.output());
    assertTrue(probe.output().contains("invalid ELF header"), probe.output());
  }

  @Test
  void intraOpThreadsAskedForBeforeTheStartAreTheOnesItRunsWith() throws Exception {
    for (int threads : List.of(1, 3)) {
      Probe probe = probe("-", Map.of(), Integer.toString(threads));
      assertEquals(0, probe.exitCode(), probe.output());
      assertTrue(probe.output().contains("sum=7.0\n"), probe.output());
      assertTrue(probe.output().contains("intra-op-threads=" + threads + "\n"), probe.output());
    }
  }

  @Test
  void intraOpThreadsAskedForAfterTheStartReachThreadsThatComputeLater() throws Exception {
    int before = bundled.intraOpThreads();
    int asked = before == 1 ? 2 : 1;
    try {
      TorchRuntime.useIntraOpThreads(asked);
      int[] seen = new int[1];
      Thread later = Thread.ofPlatform().start(() -> seen[0] = bundled.intraOpThreads());
      later.join();
      assertEquals(asked, seen[0]);
    } finally {
      TorchRuntime.useIntraOpThreads(before);
    }
    assertThrows(IllegalArgumentException.class, () -> TorchRuntime.useIntraOpThreads(0));
  }

  @Test
  void optionsPreferTheFlagThenTheEnvironment() {
    Path flag = Path.of("/opt/torch/lib");
    Map<String, String> env = Map.of(EngineOptions.LIBTORCH_ENV, "/env/torch/lib");
    assertEquals(Optional.of(flag), EngineOptions.resolve(flag, DeviceChoice.GPU, env).libtorch());
    assertEquals(
        Optional.of(Path.of("/env/torch/lib")),
        EngineOptions.resolve(null, DeviceChoice.GPU, env).libtorch());
    assertEquals(
        Optional.empty(),
        EngineOptions.resolve(null, DeviceChoice.GPU, Map.of(EngineOptions.LIBTORCH_ENV, " "))
            .libtorch());
  }

  @Test
  void deviceChoiceParsesAndRejectsUnknownNames() {
    assertEquals(DeviceChoice.GPU, DeviceChoice.parse("GPU"));
    assertEquals(DeviceChoice.AUTO, DeviceChoice.parse(" auto"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu"));
    assertEquals("unknown device 'tpu'; expected one of auto, cpu, gpu", e.getMessage());
  }

  private static TorchRuntime startWith(Path libtorch) {
    return TorchRuntime.start(new EngineOptions(Optional.of(libtorch), DeviceChoice.CPU));
  }

  private record Probe(int exitCode, String output) {}

  private static Probe probe(String libtorchArg, Map<String, String> extraEnv, String... more)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", classpath));
    command.add(EngineProbe.class.getName());
    command.add(libtorchArg);
    command.addAll(List.of(more));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    for (String name :
        List.of(
            EngineOptions.LIBTORCH_ENV,
            "PYTORCH_LIBRARY_PATH",
            "PYTORCH_FLAVOR",
            "PYTORCH_VERSION")) {
      builder.environment().remove(name);
    }
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("engine probe did not finish:\n" + output);
    }
    return new Probe(process.exitValue(), output);
  }
}
