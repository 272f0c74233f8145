package org.facesearch.trainer.data;

/** Crop indices with their identity labels, in batch order. */
public record LabelledBatch(int[] indices, int[] labels) {
  public LabelledBatch {
    if (indices.length != labels.length) {
      throw new IllegalArgumentException(
          indices.length + " indices but " + labels.length + " labels");
    }
  }
}
