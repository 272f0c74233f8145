package org.facesearch.cli;

import picocli.CommandLine;

/** Entry point of the {@code facesearch} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(FacesearchCommand.commandLine().execute(args));
  }
}
