package org.facesearch.indexer;

/**
 * The index was built with one model and is being used with another: scores would be meaningless.
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
            + usedModel
            + "; run `facesearch reindex` with this model, or use the model the index was built"
            + " with");
  }
}
