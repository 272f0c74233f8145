package org.facesearch.trainer.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherEmbeddingsTest {
  @TempDir Path dir;

  private static TeacherEmbeddings sample() {
    return new TeacherEmbeddings(
        "dlib-resnet-v1",
        3,
        Map.of(
            "Aaron_Peirsol_0001", new float[] {0.6f, 0.8f, 0f},
            "Al_Gore_0002", new float[] {0f, 0f, 1f}));
  }

  @Test
  void aWrittenFileReadsBackTheSameVectors() throws Exception {
    Path file = TeacherEmbeddings.fileIn(dir, "dlib-resnet-v1");
    sample().write(file);
    TeacherEmbeddings read = TeacherEmbeddings.read(file).orElseThrow();
    assertEquals("dlib-resnet-v1", read.modelId());
    assertEquals(3, read.dimension());
    assertEquals(2, read.size());
    assertArrayEquals(
        new float[] {0.6f, 0.8f, 0f}, read.vector("Aaron_Peirsol_0001").orElseThrow());
    assertTrue(read.vector("Al_Gore_0001").isEmpty());
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void eachTeacherHasItsOwnFile() {
    assertNotEquals(TeacherEmbeddings.fileIn(dir, "a/b"), TeacherEmbeddings.fileIn(dir, "a_b"));
    assertTrue(TeacherEmbeddings.fileIn(dir, "../../etc").startsWith(dir.resolve("teachers")));
  }

  @Test
  void noFileIsEmpty() throws Exception {
    assertTrue(TeacherEmbeddings.read(dir.resolve("none.bin")).isEmpty());
  }

  @Test
  void aDamagedFileIsRefused() throws Exception {
    Path file = dir.resolve("t.bin");
    sample().write(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);
    InvalidTeacherEmbeddingsException e =
        assertThrows(InvalidTeacherEmbeddingsException.class, () -> TeacherEmbeddings.read(file));
    assertTrue(
        e.getMessage().contains("is damaged (its SHA-256 does not match its contents); delete it"),
        e.getMessage());
  }

  @Test
  void aTruncatedOrForeignFileIsRefused() throws Exception {
    Path file = dir.resolve("t.bin");
    sample().write(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
    assertThrows(InvalidTeacherEmbeddingsException.class, () -> TeacherEmbeddings.read(file));
    Files.writeString(file, "{\"not\": \"teacher vectors\"}");
    assertTrue(
        assertThrows(InvalidTeacherEmbeddingsException.class, () -> TeacherEmbeddings.read(file))
            .getMessage()
            .contains("is not a teacher-embeddings file"));
  }

  @Test
  void vectorsMustHaveTheDimension() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TeacherEmbeddings("t", 2, Map.of("x", new float[] {1, 2, 3})));
  }
}
