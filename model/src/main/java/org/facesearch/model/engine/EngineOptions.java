package org.facesearch.model.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start PyTorch: which libtorch to load and on which device to compute.
 *
 * @param libtorch a libtorch {@code lib} folder; empty: the CPU build bundled in the jars
 * @param device the device policy
 */
public record EngineOptions(Optional<Path> libtorch, DeviceChoice device) {
  /** Environment variable naming a libtorch folder when {@code --libtorch} is not given. */
  public static final String LIBTORCH_ENV = "FACESEARCH_LIBTORCH";

  public EngineOptions {
    Objects.requireNonNull(libtorch, "libtorch");
    Objects.requireNonNull(device, "device");
  }

  /**
   * The options a command runs with: the {@code --libtorch} value when given (null when not), else
   * {@value #LIBTORCH_ENV} from {@code env}, else the bundled CPU build.
   */
  public static EngineOptions resolve(
      Path libtorchFlag, DeviceChoice device, Map<String, String> env) {
    if (libtorchFlag != null) {
      return new EngineOptions(Optional.of(libtorchFlag), device);
    }
    String fromEnv = env.get(LIBTORCH_ENV);
    Optional<Path> dir =
        fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
    return new EngineOptions(dir, device);
  }

  /** {@link #resolve} with no flag, in this process's environment. */
  public static EngineOptions fromEnvironment(DeviceChoice device) {
    return resolve(null, device, System.getenv());
  }
}
