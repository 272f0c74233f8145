package org.facesearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code facesearch bench ...}: measurements on this machine that print their figures. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure performance on this machine (prints figures; not a test).",
    subcommands = {
      BenchSearchCommand.class,
      BenchVectorsCommand.class,
      BenchEmbedCommand.class,
      BenchWebCommand.class,
      BenchTrainCommand.class,
      BenchSolrCommand.class,
      BenchDetectCommand.class,
      BenchQueryCommand.class,
      BenchSpeedCommand.class,
      BenchModelsCommand.class
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
