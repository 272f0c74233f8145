package org.facesearch.indexer;

/**
 * The index was built with one model and is being used with another: scores would be meaningless.
 * The message names both models; a front end adds the fix in its own words (rebuild the index with
 * the model in use, or use the index's model).
 */
public final class ModelMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelMismatchException(String indexModel, String usedModel, String where) {
    super(
        "the index at "
            + where
            + " was built with model "
            + indexModel
            + " but the model in use is "
            + usedModel);
  }

  private ModelMismatchException(String message) {
    super(message);
  }

  /**
   * The index's gallery vectors were made by {@code built} (the model, or its teacher in its space)
   * and these by {@code used}: one index must not hold both kinds.
   */
  public static ModelMismatchException galleryVectors(
      GalleryVectors built, GalleryVectors used, String where) {
    return new ModelMismatchException(
        "the gallery of the index at "
            + where
            + " was embedded by the "
            + built.id()
            + (built == GalleryVectors.TEACHER ? " (the model's teacher, in its space)" : "")
            + ", but these photos would be embedded by the "
            + used.id()
            + "; rebuild the index with the other gallery vectors, or add them where it is built");
  }
}
