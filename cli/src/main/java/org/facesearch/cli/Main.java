package org.facesearch.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Entry point of the {@code facesearch} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Libraries (Lucene's vectorisation notice, DJL) log INFO lines through java.util.logging that
    // would interleave with the command's own output; warnings still come through.
    Logger.getLogger("").setLevel(Level.WARNING);
    System.exit(FacesearchCommand.commandLine().execute(args));
  }
}
