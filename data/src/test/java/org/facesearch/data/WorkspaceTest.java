package org.facesearch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkspaceTest {

  @Test
  void homeComesFromFacesearchHome() {
    Workspace workspace = Workspace.fromEnvironment(Map.of("FACESEARCH_HOME", "/srv/faces"));
    assertEquals(Path.of("/srv/faces"), workspace.home());
    assertEquals(Path.of("/srv/faces/data/lfw"), workspace.dataDir());
    assertEquals(Path.of("/srv/faces/cache"), workspace.cacheDir());
    assertEquals(Path.of("/srv/faces/index"), workspace.indexDir());
    assertEquals(Path.of("/srv/faces/models"), workspace.modelsDir());
  }

  @Test
  void homeDefaultsToDotFacesearchInTheUsersHome() {
    Path expected = Path.of(System.getProperty("user.home"), ".facesearch").toAbsolutePath();
    assertEquals(expected, Workspace.fromEnvironment(Map.of()).home());
    assertEquals(expected, Workspace.fromEnvironment(Map.of("FACESEARCH_HOME", " ")).home());
  }
}
