package org.facesearch.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.facesearch.data.testing.LfwSample;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocationTest {
  @TempDir Path temp;

  private Workspace workspace() {
    return new Workspace(temp.resolve("home"));
  }

  @Test
  void flagWinsOverEnvironmentAndWorkspace() {
    Path flag = LfwSample.copy(temp.resolve("flag"), List.of("Aaron_Eckhart"));
    Path env = LfwSample.copy(temp.resolve("env"), List.of("Aaron_Eckhart"));
    LfwSample.copy(workspace().dataDir(), List.of("Aaron_Eckhart"));
    assertEquals(
        flag, DataLocation.resolve(flag, Map.of("FACESEARCH_DATA", env.toString()), workspace()));
  }

  @Test
  void environmentWinsOverWorkspace() {
    Path env = LfwSample.copy(temp.resolve("env"), List.of("Aaron_Eckhart"));
    LfwSample.copy(workspace().dataDir(), List.of("Aaron_Eckhart"));
    assertEquals(
        env, DataLocation.resolve(null, Map.of("FACESEARCH_DATA", env.toString()), workspace()));
  }

  @Test
  void workspaceDataFolderIsTheDefault() {
    LfwSample.copy(workspace().dataDir(), List.of("Aaron_Eckhart"));
    assertEquals(workspace().dataDir(), DataLocation.resolve(null, Map.of(), workspace()));
  }

  @Test
  void realLfwCopyAndFlatLayoutAreAccepted() {
    assertEquals(
        LfwTestData.root(), DataLocation.resolve(LfwTestData.root(), Map.of(), workspace()));
    Path flat = LfwSample.copy(temp.resolve("lfw_funneled"), List.of("Aaron_Eckhart"), false);
    assertEquals(flat, DataLocation.resolve(flat, Map.of(), workspace()));
  }

  @Test
  void missingFlagFolderIsNamedAndNotReplacedByTheEnvironment() {
    Path env = LfwSample.copy(temp.resolve("env"), List.of("Aaron_Eckhart"));
    Path typo = temp.resolve("lfw-typo");
    DataNotFoundException e =
        assertThrows(
            DataNotFoundException.class,
            () ->
                DataLocation.resolve(typo, Map.of("FACESEARCH_DATA", env.toString()), workspace()));
    assertAll(
        () -> assertTrue(e.getMessage().contains(typo.toString()), e.getMessage()),
        () -> assertTrue(e.getMessage().contains(" from the data folder, which"), e.getMessage()),
        () -> assertEquals(List.of(DataSetting.DATA_FOLDER), e.settings()),
        () -> assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage()),
        () -> assertEquals(typo.toAbsolutePath().normalize(), e.folder()),
        () -> assertEquals(DataNotFoundException.Missing.PHOTOS, e.missing()),
        () -> assertEquals(Optional.of(workspace().dataDir()), e.workspaceFolder()),
        () -> assertFalse(e.getMessage().contains("facesearch "), e.getMessage()));
  }

  @Test
  void environmentFolderWithoutPhotosIsRejectedWithTheReason() throws IOException {
    Path empty = Files.createDirectories(temp.resolve("empty/images/Someone"));
    Files.writeString(empty.resolve("notes.txt"), "not a photo");
    Path root = temp.resolve("empty");
    DataNotFoundException e =
        assertThrows(
            DataNotFoundException.class,
            () ->
                DataLocation.resolve(
                    null, Map.of("FACESEARCH_DATA", root.toString()), workspace()));
    assertAll(
        () -> assertTrue(e.getMessage().contains(root.toString()), e.getMessage()),
        () -> assertTrue(e.getMessage().contains("FACESEARCH_DATA"), e.getMessage()),
        () ->
            assertTrue(
                e.getMessage().contains("no <Name>/<Name>_NNNN.jpg photos"), e.getMessage()));
  }

  @Test
  void missingWorkspaceDataSaysNothingWasConfigured() throws IOException {
    DataNotFoundException e =
        assertThrows(
            DataNotFoundException.class, () -> DataLocation.resolve(null, Map.of(), workspace()));
    assertTrue(e.getMessage().contains(workspace().dataDir().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("FACESEARCH_DATA is not set"), e.getMessage());
    assertEquals(Optional.of(workspace().dataDir()), e.workspaceFolder());

    Path file = Files.writeString(temp.resolve("a-file"), "x");
    DataNotFoundException notFolder =
        assertThrows(
            DataNotFoundException.class, () -> DataLocation.resolve(file, Map.of(), workspace()));
    assertTrue(notFolder.getMessage().contains("is not a folder"), notFolder.getMessage());
  }
}
