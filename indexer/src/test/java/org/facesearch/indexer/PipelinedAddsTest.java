package org.facesearch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PipelinedAddsTest {
  /** A build that records what reaches it and can fail at one add, as a full disk would. */
  private static final class RecordingBuild implements NewBuild {
    final List<String> added = Collections.synchronizedList(new ArrayList<>());
    final int failAt;
    final UncheckedIOException failure = new UncheckedIOException(new IOException("disk full"));

    RecordingBuild(int failAt) {
      this.failAt = failAt;
    }

    @Override
    public String name() {
      return "test";
    }

    @Override
    public void add(IndexEntry entry) {
      if (added.size() == failAt) {
        throw failure;
      }
      added.add(entry.image().image());
    }

    @Override
    public void commit() {}

    @Override
    public int count() {
      return added.size();
    }

    @Override
    public List<Neighbour> nearest(float[] embedding, int k) {
      return List.of();
    }

    @Override
    public Build publish(BuildManifest manifest) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  private static List<IndexEntry> batch(int from, int size) {
    return IntStream.range(from, from + size)
        .mapToObj(
            i ->
                new IndexEntry(
                    new GalleryImage(
                        "person", "image-" + i, Path.of("image-" + i), GallerySource.LFW),
                    "%064d".formatted(i),
                    new float[] {1, 0},
                    "model"))
        .toList();
  }

  @Test
  void everyBatchArrivesWholeAndInOrderByTheTimeItFinishes() {
    RecordingBuild build = new RecordingBuild(-1);
    try (PipelinedAdds adds = new PipelinedAdds(build)) {
      for (int from = 0; from < 200; from += 64) {
        adds.add(batch(from, Math.min(64, 200 - from)));
      }
      adds.finish();
    }
    assertEquals(IntStream.range(0, 200).mapToObj(i -> "image-" + i).toList(), build.added);
  }

  @Test
  void aFailedAddSurfacesItsOwnExceptionAndNothingAfterItIsAdded() {
    RecordingBuild build = new RecordingBuild(70);
    UncheckedIOException thrown;
    try (PipelinedAdds adds = new PipelinedAdds(build)) {
      thrown =
          assertThrows(
              UncheckedIOException.class,
              () -> {
                for (int from = 0; from < 640; from += 64) {
                  adds.add(batch(from, 64));
                }
                adds.finish();
              });
    }
    assertSame(build.failure, thrown);
    assertEquals(70, build.added.size());
    assertEquals("image-69", build.added.getLast());
  }
}
