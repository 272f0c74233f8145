package org.facesearch.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherSpaceTest {
  @TempDir Path bundle;

  private static TeacherSpace space(float... centre) {
    return new TeacherSpace(
        "dlib-resnet-b9e54d741365",
        centre,
        3,
        "three faces",
        Instant.parse("2026-12-02T18:00:00Z"));
  }

  @Test
  void theCentreIsTheMeanOfTheRowsComputedInDoubles() {
    float[] centre =
        TeacherSpace.centreOf(
            List.of(
                new float[] {1, 0, 0.5f}, new float[] {0, 1, 0.5f}, new float[] {0.5f, 0.5f, 2}));
    assertArrayEquals(new float[] {0.5f, 0.5f, 1}, centre, 1e-7f);
    assertThrows(IllegalArgumentException.class, () -> TeacherSpace.centreOf(List.of()));
  }

  @Test
  void aWrittenSpaceReadsBackAsItWasAndLeavesNoTemporaryFile() throws IOException {
    TeacherSpace written = space(0.125f, -0.25f, 1e-3f);
    written.writeInto(bundle);
    TeacherSpace read = TeacherSpace.read(bundle.resolve(TeacherSpace.FILE));
    assertEquals(written.teacher(), read.teacher());
    assertArrayEquals(written.centre(), read.centre());
    assertEquals(3, read.faces());
    assertEquals("three faces", read.data());
    assertEquals(written.created(), read.created());
    try (var files = Files.list(bundle)) {
      assertEquals(List.of(bundle.resolve(TeacherSpace.FILE)), files.toList());
    }
  }

  @Test
  void aDamagedFileNamesItselfAndTheCommandThatMakesItAgain() throws IOException {
    space(0.5f, 0.5f).writeInto(bundle);
    Path file = bundle.resolve(TeacherSpace.FILE);
    Files.writeString(file, Files.readString(file).replace("\"mirror-centred\"", "\"plain\""));
    InvalidModelBundleException e =
        assertThrows(InvalidModelBundleException.class, () -> TeacherSpace.read(file));
    assertTrue(e.getMessage().startsWith(file + " is not a valid teacher space"), e.getMessage());
    assertTrue(e.getMessage().endsWith("make it again with facesearch models teacher-space"));
    Files.writeString(file, "{\"format\": 1, \"form\": \"mirror-centred\", \"centre\": [");
    assertThrows(InvalidModelBundleException.class, () -> TeacherSpace.read(file));
  }

  @Test
  void aCentreWithoutDimensionsOrWithANonFiniteValueIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> space());
    assertThrows(IllegalArgumentException.class, () -> space(1, Float.NaN));
  }
}
