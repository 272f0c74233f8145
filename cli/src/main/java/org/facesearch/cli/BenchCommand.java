package org.facesearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code facesearch bench ...}: throughput measurements on this machine. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure throughput on this machine.",
    subcommands = {BenchTrainCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
