package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSpeedCommandTest {
  private static final String INSTALL = "apt-get install -y python3-torch python3-torchvision";

  @TempDir Path temp;

  @Test
  void aMissingPythonIsOneSentenceNamingThePackagesToInstall() {
    EvaluateCommandTest.Run run =
        EvaluateCommandTest.run("bench", "speed", "--python", temp.resolve("python3").toString());

    assertEquals(1, run.exit());
    assertTrue(run.err().startsWith("facesearch: PyTorch's side needs "), run.err());
    assertTrue(run.err().strip().endsWith(INSTALL), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertEquals("", run.out());
  }

  /** A python without torch: the script's import fails, and the command says what to install. */
  @Test
  void aPythonWithoutTorchIsOneSentenceNamingThePackagesToInstall() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
    Path python = temp.resolve("python-without-torch");
    // The real interpreter, told to ignore site-packages (where Debian's torch lives).
    Files.writeString(python, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));

    EvaluateCommandTest.Run run =
        EvaluateCommandTest.run("bench", "speed", "--python", python.toString());

    assertEquals(1, run.exit());
    assertTrue(run.err().contains("(missing torch)"), run.err());
    assertTrue(run.err().strip().endsWith(INSTALL), run.err());
  }
}
