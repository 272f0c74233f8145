package org.facesearch.cli.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.facesearch.cli.FacesearchCommand;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One in-process run of the facesearch command line: its exit code, stdout and stderr. */
record Cli(int exit, String out, String err) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = FacesearchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  JsonNode json() {
    return JSON.readTree(out);
  }

  @Override
  public String toString() {
    return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
  }
}
