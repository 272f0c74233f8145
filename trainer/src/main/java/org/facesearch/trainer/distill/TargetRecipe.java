package org.facesearch.trainer.distill;

import java.util.Objects;

/**
 * How a student's targets are made from its teacher's vectors.
 *
 * @param form the targets' form ({@link TargetForm})
 * @param views how many augmented views of each training face the teacher also embeds ({@link
 *     TeacherViews}); 0 for the faces as they are only
 */
public record TargetRecipe(TargetForm form, int views) {
  public TargetRecipe {
    Objects.requireNonNull(form, "form");
    if (views < 0 || views > TeacherViews.MAX_VIEWS) {
      throw new IllegalArgumentException(
          "teacher views must be 0.." + TeacherViews.MAX_VIEWS + ", got " + views);
    }
  }
}
