package org.facesearch.model.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.facesearch.data.setting.SettingMessage;

/**
 * The one place that starts DJL's PyTorch engine: offline (DJL would otherwise try to download
 * libtorch), from the bundled CPU build or a given libtorch folder, on the chosen device.
 *
 * <p>DJL loads libtorch once per process and configures it through process-wide system properties
 * ({@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_FLAVOR}); environment variables of the same names
 * win over them. So {@link #start} refuses such variables when they would contradict the request,
 * and checks afterwards where libtorch really came from: a second start asking for another folder
 * fails instead of silently computing with the first.
 */
public final class TorchRuntime {
  private static final String ENGINE_NAME = "PyTorch";

  /** DJL's setting of libtorch's intra-op threads, read once, when it loads libtorch. */
  private static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

  /** Whether this process has loaded libtorch (through {@link #start}, the only way it does). */
  private static volatile boolean loaded;

  private final Engine engine;
  private final Path libtorchDir;
  private final Device device;
  private final String deviceDescription;

  private TorchRuntime(Engine engine, Path libtorchDir, Device device, String deviceDescription) {
    this.engine = engine;
    this.libtorchDir = libtorchDir;
    this.device = device;
    this.deviceDescription = deviceDescription;
  }

  /** Starts PyTorch as {@code options} say, or joins the engine this process already started. */
  public static TorchRuntime start(EngineOptions options) {
    System.setProperty("ai.djl.offline", "true");
    Optional<LibtorchDirectory> requested = options.libtorch().map(LibtorchDirectory::inspect);
    refuseContradictingEnvironment(requested);
    if (requested.isPresent()) {
      System.setProperty("PYTORCH_LIBRARY_PATH", requested.get().path().toString());
      // Without it DJL looks for a "cpu-precxx11" JNI, which its jar does not hold.
      System.setProperty("PYTORCH_FLAVOR", requested.get().jniFlavor());
    }
    Engine engine = load(requested);
    loaded = true;
    Path loadedFrom = Path.of(LibUtils.getLibtorchPath()).toAbsolutePath().normalize();
    if (requested.isPresent() && !loadedFrom.equals(requested.get().path())) {
      throw new EngineSetupException(
          "PyTorch is already loaded from "
              + loadedFrom
              + " in this process and cannot switch to"
              + " libtorch folder "
              + requested.get().path());
    }
    TorchRuntime runtime =
        switch (options.device()) {
          case CPU -> new TorchRuntime(engine, loadedFrom, Device.cpu(), "cpu");
          case GPU -> {
            Optional<SettingMessage> missing = whyNoGpu(engine, loadedFrom);
            if (missing.isPresent()) {
              throw new EngineSetupException(
                  SettingMessage.of(EngineSetting.DEVICE, " gpu: ", missing.get()));
            }
            yield new TorchRuntime(engine, loadedFrom, Device.gpu(0), describeGpu());
          }
          case AUTO ->
              whyNoGpu(engine, loadedFrom).isEmpty()
                  ? new TorchRuntime(engine, loadedFrom, Device.gpu(0), describeGpu())
                  : new TorchRuntime(engine, loadedFrom, Device.cpu(), "cpu");
        };
    // Checked here, where the device is known, so that no command starts work it would do at a
    // fraction of the speed the user asked bf16 for.
    Optional<SettingMessage> emulated = Precision.configured().whyNotOn(runtime.device());
    if (emulated.isPresent()) {
      throw new EngineSetupException(emulated.get());
    }
    return runtime;
  }

  public Engine engine() {
    return engine;
  }

  /** The folder libtorch was loaded from (the bundled build's extraction folder by default). */
  public Path libtorchDir() {
    return libtorchDir;
  }

  public Device device() {
    return device;
  }

  /** {@code cpu}, or e.g. {@code cuda:0 (NVIDIA H100 80GB HBM3)}: what a model bundle records. */
  public String deviceDescription() {
    return deviceDescription;
  }

  /** libtorch's intra-op thread count (process-wide), what one operator splits its work over. */
  public int intraOpThreads() {
    return JniUtils.getNumThreads();
  }

  /**
   * Sets libtorch's intra-op thread count for the whole process; see {@link #useIntraOpThreads}.
   */
  public void setIntraOpThreads(int threads) {
    useIntraOpThreads(threads);
  }

  /**
   * Sets libtorch's intra-op thread count for the whole process, before or after PyTorch is
   * started: what a server asks for before it loads its model. libtorch reads the count once per
   * thread, when that thread first runs an operator, so a thread that already has keeps its own;
   * every later one (a server's request and embedding threads) gets {@code threads}. ONNX Runtime's
   * pool ({@link InferenceRuntime}) takes the same count if set before its first network loads.
   */
  public static synchronized void useIntraOpThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("intra-op threads must be >= 1, got " + threads);
    }
    System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
    if (loaded) {
      JniUtils.setNumThreads(threads);
    }
  }

  /** A new root manager on this runtime's device; the caller closes it. */
  public NDManager newManager() {
    return NDManager.newBaseManager(device, ENGINE_NAME);
  }

  private static void refuseContradictingEnvironment(Optional<LibtorchDirectory> requested) {
    String version = System.getenv("PYTORCH_VERSION");
    String bundled = Platform.detectPlatform("pytorch").getVersion();
    if (version != null && !version.isEmpty() && !bundled.startsWith(version)) {
      throw new EngineSetupException(
          SettingMessage.of(
              "environment variable PYTORCH_VERSION="
                  + version
                  + " makes DJL download libtorch "
                  + version
                  + ", which cannot work offline; unset it (facesearch uses DJL's JNI for "
                  + bundled
                  + " with ",
              EngineSetting.LIBTORCH,
              " or " + EngineOptions.LIBTORCH_ENV + " for other builds)"));
    }
    if (requested.isEmpty()) {
      return;
    }
    LibtorchDirectory dir = requested.get();
    String envPath = System.getenv("PYTORCH_LIBRARY_PATH");
    if (envPath != null && !Path.of(envPath).toAbsolutePath().normalize().equals(dir.path())) {
      throw new EngineSetupException(
          "environment variable PYTORCH_LIBRARY_PATH="
              + envPath
              + " would override libtorch"
              + " folder "
              + dir.path()
              + "; unset it");
    }
    String envFlavor = System.getenv("PYTORCH_FLAVOR");
    if (envFlavor != null && !envFlavor.equals(dir.jniFlavor())) {
      throw new EngineSetupException(
          "environment variable PYTORCH_FLAVOR="
              + envFlavor
              + " contradicts libtorch folder "
              + dir.path()
              + ", which needs DJL's "
              + dir.jniFlavor()
              + " JNI; unset it");
    }
  }

  private static Engine load(Optional<LibtorchDirectory> requested) {
    try {
      Engine engine = Engine.getEngine(ENGINE_NAME);
      if (!loaded) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), ENGINE_NAME)) {
          // The one call that makes libtorch print its deprecation warning (QuietNativeStderr).
          QuietNativeStderr.run(() -> m.zeros(new Shape(1)).set(FloatBuffer.wrap(new float[1])));
        }
      }
      return engine;
    } catch (RuntimeException | LinkageError e) {
      String source =
          requested.map(d -> "libtorch folder " + d.path()).orElse("the bundled libtorch");
      throw new EngineSetupException(
          "cannot load PyTorch from " + source + ": " + rootMessage(e), e);
    }
  }

  /** Empty when a CUDA device works; else why not. Asks libtorch itself, not the CUDA runtime. */
  private static Optional<SettingMessage> whyNoGpu(Engine engine, Path libtorch) {
    if (!engine.hasCapability(StandardCapabilities.CUDA)) {
      return Optional.of(
          SettingMessage.of(
              "libtorch at " + libtorch + " is a CPU-only build (give a CUDA build with ",
              EngineSetting.LIBTORCH,
              " or " + EngineOptions.LIBTORCH_ENV + ")"));
    }
    try (NDManager probe = NDManager.newBaseManager(Device.gpu(0), ENGINE_NAME)) {
      probe.create(1f).toFloatArray();
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(
          SettingMessage.of(
              "libtorch at " + libtorch + " sees no usable CUDA GPU: " + rootMessage(e)));
    }
  }

  /** {@code cuda:0} plus the card's name when the NVIDIA driver reports exactly one. */
  private static String describeGpu() {
    Path gpus = Path.of("/proc/driver/nvidia/gpus");
    if (!Files.isDirectory(gpus)) {
      return "cuda:0";
    }
    try (Stream<Path> cards = Files.list(gpus)) {
      List<Path> list = cards.toList();
      if (list.size() != 1) {
        return "cuda:0";
      }
      for (String line : Files.readAllLines(list.get(0).resolve("information"))) {
        if (line.startsWith("Model:")) {
          return "cuda:0 (" + line.substring("Model:".length()).trim() + ")";
        }
      }
    } catch (IOException e) {
      // The name is decoration for the bundle's record; the device itself works.
    }
    return "cuda:0";
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
