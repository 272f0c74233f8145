package org.facesearch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.Precision;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command; each capability is a subcommand. */
@Command(
    name = "facesearch",
    mixinStandardHelpOptions = true,
    versionProvider = FacesearchCommand.Version.class,
    description = "Face verification and look-alike search on Labeled Faces in the Wild.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DataCommand.class,
      TrainCommand.class,
      ExperimentsCommand.class,
      IndexCommand.class,
      ReindexCommand.class,
      QueryCommand.class,
      VerifyCommand.class,
      EnrollCommand.class,
      EvaluateCommand.class,
      ModelsCommand.class,
      ServeCommand.class,
      BenchCommand.class,
      SolrCommand.class
    })
public final class FacesearchCommand implements Runnable {

  /** A command line with facesearch's error handling: one clear sentence, no stack trace. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new FacesearchCommand());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setExecutionStrategy(ErrorReporter.catchingErrors());
    cli.setExitCodeExceptionMapper(new ExitCodes());
    return cli;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Show the libraries' log lines (DJL, Lucene, the GPU probe); also"
              + " FACESEARCH_LOG=debug.")
  void verbose(boolean verbose) {
    if (verbose) {
      Logging.verbose();
    }
  }

  /**
   * Process-wide, so every embedder and training step the command makes computes in it; for a child
   * JVM (a server that {@code bench web} starts) pass it again or use the environment.
   */
  @CommandLine.Option(
      names = "--precision",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "P",
      description =
          "auto, fp32, bf16 or int8: what networks compute in (weights stay fp32). auto"
              + " (default, or $FACESEARCH_PRECISION): int8 for a bundle calibrated by `models"
              + " quantize` (the shipped default is); else bf16 on a CPU with native bf16"
              + " (avx512_bf16, amx_bf16); else fp32. bf16 by name is refused on a CPU without"
              + " it; training computes in fp32 under auto and int8.")
  void precision(String value) {
    try {
      System.setProperty(Precision.PROPERTY, Precision.parse(value).toString());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--precision: " + e.getMessage());
    }
  }

  /** Process-wide like {@code --precision}; a child JVM needs it again or the environment. */
  @CommandLine.Option(
      names = "--runtime",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "R",
      description =
          "auto, pytorch or onnxruntime: what runs the networks' inference passes (training is always"
              + " PyTorch). auto (default, or $FACESEARCH_RUNTIME): ONNX Runtime on the network's own ONNX"
              + " export on a CPU in fp32 (the same embeddings, faster), else PyTorch.")
  void runtime(String value) {
    try {
      System.setProperty(InferenceRuntime.PROPERTY, InferenceRuntime.parse(value).toString());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--runtime: " + e.getMessage());
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties props = new Properties();
      try (InputStream in = FacesearchCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          props.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {
        "facesearch " + props.getProperty("version", "unknown"),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
