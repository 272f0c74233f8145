package org.facesearch.model.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A libtorch {@code lib} folder to load instead of the bundled CPU build, e.g. a pip-installed
 * {@code site-packages/torch/lib}, checked before DJL sees it: DJL silently falls back to the
 * bundled build when the folder lacks {@code libtorch.so}, which would hide a typo.
 *
 * @param path the folder, absolute and normalised
 * @param jniFlavor the DJL JNI build that matches it: {@code cu128} for a CUDA build (it holds
 *     {@code libtorch_cuda}), else {@code cpu}; DJL 0.35.1 ships only these two for PyTorch 2.7.1
 */
public record LibtorchDirectory(Path path, String jniFlavor) {

  private static final List<String> REQUIRED =
      List.of(
          System.mapLibraryName("torch"),
          System.mapLibraryName("torch_cpu"),
          System.mapLibraryName("c10"));

  /** Checks that {@code dir} holds a loadable-looking libtorch and works out its flavour. */
  public static LibtorchDirectory inspect(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      throw new EngineSetupException("libtorch folder " + abs + " does not exist");
    }
    if (!Files.isDirectory(abs)) {
      throw new EngineSetupException(
          "libtorch folder "
              + abs
              + " is a file, not a folder (give the folder holding "
              + System.mapLibraryName("torch")
              + ", e.g. .../site-packages/torch/lib)");
    }
    for (String name : REQUIRED) {
      Path lib = abs.resolve(name);
      if (!Files.isRegularFile(lib)) {
        throw new EngineSetupException(
            "libtorch folder "
                + abs
                + " has no "
                + name
                + " (give the folder holding libtorch's shared libraries, e.g."
                + " .../site-packages/torch/lib)");
      }
      if (!Files.isReadable(lib)) {
        throw new EngineSetupException("libtorch folder " + abs + ": " + name + " is not readable");
      }
    }
    boolean cuda = Files.isRegularFile(abs.resolve(System.mapLibraryName("torch_cuda")));
    return new LibtorchDirectory(abs, cuda ? "cu128" : "cpu");
  }
}
