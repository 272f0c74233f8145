package org.facesearch.cli;

import org.facesearch.indexer.GalleryVectors;
import org.facesearch.model.Embedder;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.ModelSource;

/**
 * What embeds a gallery for {@code model}'s queries: the model itself, or its teacher in its space
 * ({@link GalleryVectors#TEACHER}); closing it closes the teacher, never the model.
 */
record GalleryEmbedding(Embedder gallery, GalleryVectors vectors, boolean owned)
    implements AutoCloseable {

  /**
   * @throws org.facesearch.searcher.NoTeacherSpaceException when the teacher is asked for and the
   *     model has none that can embed
   */
  static GalleryEmbedding of(LoadedModel model, GalleryVectors vectors) {
    return switch (vectors) {
      case MODEL -> new GalleryEmbedding(model.embedder(), vectors, false);
      case TEACHER -> new GalleryEmbedding(ModelSource.teacherSpace(model), vectors, true);
    };
  }

  @Override
  public void close() {
    if (owned) {
      gallery.close();
    }
  }
}
