package org.facesearch.trainer.loss;

import ai.djl.ndarray.NDArray;
import org.facesearch.model.arch.L2Norm;

/**
 * How far a student's embeddings are from its teacher's, for a batch of the same images: {@code
 * cosineWeight * mean(1 - cos(s_i, t_i)) + relationalWeight * mean((S - T)^2)}, where {@code S} and
 * {@code T} are the batch's pairwise cosine-similarity matrices. The first term pulls each vector
 * onto its teacher's; the second (relational distillation, Park et al. 2019) asks only that the
 * student rank and space faces as the teacher does, which a smaller network can reach even where it
 * cannot copy the vectors themselves. Both inputs are normalised here.
 */
public final class DistillationLoss {
  private final float cosineWeight;
  private final float relationalWeight;

  public DistillationLoss(float cosineWeight, float relationalWeight) {
    if (!(cosineWeight >= 0)
        || !(relationalWeight >= 0)
        || Float.isInfinite(cosineWeight)
        || Float.isInfinite(relationalWeight)) {
      throw new IllegalArgumentException(
          "distillation weights must be >= 0 and finite, got "
              + cosineWeight
              + " and "
              + relationalWeight);
    }
    if (cosineWeight == 0 && relationalWeight == 0) {
      throw new IllegalArgumentException("at least one distillation weight must be above 0");
    }
    this.cosineWeight = cosineWeight;
    this.relationalWeight = relationalWeight;
  }

  /** The loss of student embeddings (N, d) against the teacher's (N, d) for the same images. */
  public NDArray evaluate(NDArray student, NDArray teacher) {
    if (student.getShape().dimension() != 2 || !student.getShape().equals(teacher.getShape())) {
      throw new IllegalArgumentException(
          "distillation needs student and teacher embeddings of one shape (N, d); got "
              + student.getShape()
              + " and "
              + teacher.getShape());
    }
    NDArray s = L2Norm.rows(student);
    NDArray t = L2Norm.rows(teacher);
    NDArray loss = s.getManager().create(0f);
    if (cosineWeight > 0) {
      loss = loss.add(s.mul(t).sum(new int[] {1}).neg().add(1f).mean().mul(cosineWeight));
    }
    if (relationalWeight > 0) {
      NDArray studentSimilarity = s.matMul(s.transpose());
      NDArray teacherSimilarity = t.matMul(t.transpose());
      loss =
          loss.add(studentSimilarity.sub(teacherSimilarity).square().mean().mul(relationalWeight));
    }
    return loss;
  }
}
