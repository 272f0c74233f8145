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
}
