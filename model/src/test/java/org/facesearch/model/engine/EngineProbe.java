package org.facesearch.model.engine;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link TorchRuntimeTest}: DJL loads libtorch once per process, so each
 * libtorch folder needs a fresh one. Arguments: the {@code --libtorch} value or {@code -} for none
 * (then {@code FACESEARCH_LIBTORCH} applies), then optionally the intra-op threads to ask for
 * before starting. Prints what it loaded, a tiny sum and the intra-op threads it ran with.
 */
public final class EngineProbe {
  private EngineProbe() {}

  public static void main(String[] args) {
    Path flag = "-".equals(args[0]) ? null : Path.of(args[0]);
    if (args.length > 1) {
      TorchRuntime.useIntraOpThreads(Integer.parseInt(args[1]));
    }
    try {
      TorchRuntime runtime =
          TorchRuntime.start(EngineOptions.resolve(flag, DeviceChoice.AUTO, System.getenv()));
      try (NDManager manager = runtime.newManager()) {
        float sum = manager.create(new float[] {1.5f, 2.5f, 3f}).sum().getFloat();
        System.out.println("loaded-from=" + runtime.libtorchDir());
        System.out.println("device=" + runtime.deviceDescription());
        System.out.println("sum=" + sum);
        System.out.println("intra-op-threads=" + runtime.intraOpThreads());
      }
    } catch (EngineSetupException e) {
      System.out.println("error=" + e.getMessage());
      System.exit(3);
    }
  }
}
