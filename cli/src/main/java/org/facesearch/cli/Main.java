package org.facesearch.cli;

import java.io.PrintWriter;

/** Entry point of the {@code facesearch} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Logging.fromEnvironment(System.getenv());
    int exit;
    try {
      exit = FacesearchCommand.commandLine().execute(args);
    } catch (Throwable e) {
      // The command line reports its own failures; this catches one in Picocli itself.
      ErrorReporter.report(e, new PrintWriter(System.err, true));
      exit = ExitCodes.ERROR;
    }
    System.exit(exit);
  }
}
