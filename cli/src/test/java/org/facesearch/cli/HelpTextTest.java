package org.facesearch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTextTest {

  /**
   * Picocli runs every help line through {@code String.format}: a bare {@code %} ("50% point")
   * makes {@code --help} print a picocli warning, three times, above the usage, so it must be
   * written {@code %%}.
   */
  @Test
  void everyCommandsHelpRendersWithoutAPicocliWarning() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringBuilder help = new StringBuilder();
    System.setErr(new PrintStream(captured, true, UTF_8));
    try {
      render(FacesearchCommand.commandLine(), help);
    } finally {
      System.setErr(original);
    }
    String warnings = captured.toString(UTF_8);
    assertFalse(warnings.contains("picocli WARN"), warnings);
    // Picocli wraps the help at 80 columns, so words are compared across line breaks.
    String words = help.toString().replaceAll("\\s+", " ");
    assertTrue(words.contains("probability's 50% point"), "serve --threshold's help");
    assertTrue(words.contains("below 50% (for an index"), "query --open-set's help");
  }

  private static void render(CommandLine command, StringBuilder help) {
    help.append(command.getUsageMessage());
    command.getSubcommands().values().forEach(sub -> render(sub, help));
  }
}
