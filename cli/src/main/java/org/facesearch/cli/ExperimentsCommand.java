package org.facesearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code facesearch experiments ...}: sets of training runs written up as one report. */
@Command(
    name = "experiments",
    mixinStandardHelpOptions = true,
    description = "Run a set of training experiments and write their report.",
    subcommands = {ExperimentsSeedsCommand.class})
public final class ExperimentsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
