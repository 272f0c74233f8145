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
    this.galleryVectors = false;
  }

  private final boolean galleryVectors;

  private ModelMismatchException(String message) {
    super(message);
    this.galleryVectors = true;
  }

  /** Whether the model is the same and what embedded the gallery is not. */
  public boolean aboutGalleryVectors() {
    return galleryVectors;
  }

  /**
   * The index's gallery vectors were made by {@code built} (the model, or its teacher in its space)
   * and these by {@code used}: one index must not hold both kinds.
   */
  public static ModelMismatchException galleryVectors(
      GalleryVectors built, GalleryVectors used, String where) {
    return new ModelMismatchException(
        "the index at "
            + where
            + " serves a build whose gallery was embedded by the "
            + (built == GalleryVectors.TEACHER ? "model's teacher, in the model's space" : "model")
            + ", but these photos were embedded by the "
            + (used == GalleryVectors.TEACHER ? "teacher" : "model")
            + " (the build changed meanwhile?); nothing was added: enrol them again");
  }
}
