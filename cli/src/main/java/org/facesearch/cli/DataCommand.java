package org.facesearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code facesearch data ...}: the LFW copy facesearch works on. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Inspect or download the LFW data.",
    subcommands = {DataInfoCommand.class, DataFetchCommand.class})
public final class DataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
