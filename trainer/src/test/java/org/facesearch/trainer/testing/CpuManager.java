package org.facesearch.trainer.testing;

import ai.djl.ndarray.NDManager;
import java.util.Optional;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PyTorch CPU manager for each test, closed after it ({@code @RegisterExtension final
 * CpuManager cpu = new CpuManager();}, then {@code cpu.manager()}).
 */
public final class CpuManager implements BeforeEachCallback, AfterEachCallback {
  private NDManager manager;

  @Override
  public void beforeEach(ExtensionContext context) {
    manager =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU)).newManager();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    manager.close();
  }

  public NDManager manager() {
    return manager;
  }
}
