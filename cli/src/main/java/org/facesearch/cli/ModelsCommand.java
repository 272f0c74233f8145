package org.facesearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code facesearch models ...}: the models facesearch can use, and fetching pretrained ones. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List the models and face detectors, or fetch the pretrained ones' files.",
    subcommands = {
      ModelsListCommand.class,
      ModelsFetchCommand.class,
      ModelsQuantizeCommand.class,
      ModelsTeacherSpaceCommand.class
    })
public final class ModelsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
