package org.facesearch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.searcher.ModelSource;

/**
 * The command line that runs {@code facesearch} in a new JVM on this JVM's runtime and class path,
 * with the flags the launcher script gives it: for a server that must be a process of its own.
 */
public final class CliJvm {
  private CliJvm() {}

  /** {@code java <launcher flags> <jvmOptions> -cp <this class path> Main <args>}. */
  public static List<String> command(List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-Dai.djl.offline=true"));
    ModelSource.shippedDefault()
        .ifPresent(m -> command.add("-D" + ModelSource.DEFAULT_MODEL_PROPERTY + "=" + m));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    return command;
  }
}
