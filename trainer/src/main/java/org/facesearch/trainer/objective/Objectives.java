package org.facesearch.trainer.objective;

import java.util.List;
import java.util.stream.Collectors;

/** Every training objective; the one list a new objective is added to. */
public final class Objectives {
  public static final TrainingObjective TRIPLET = new TripletObjective();
  public static final TrainingObjective NT_XENT = new NtXentObjective();
  public static final TrainingObjective CONTRASTIVE = new ContrastiveObjective();
  public static final TrainingObjective BCE = new BceObjective();
  public static final TrainingObjective COSFACE = new MarginSoftmaxObjective(MarginKind.COSFACE);
  public static final TrainingObjective ARCFACE = new MarginSoftmaxObjective(MarginKind.ARCFACE);
  public static final TrainingObjective DISTILL = new DistillObjective();

  private static final List<TrainingObjective> ALL =
      List.of(TRIPLET, NT_XENT, CONTRASTIVE, BCE, COSFACE, ARCFACE, DISTILL);

  private Objectives() {}

  public static List<TrainingObjective> all() {
    return ALL;
  }

  /** The objective with this id; an exception listing the known ones otherwise. */
  public static TrainingObjective byId(String id) {
    for (TrainingObjective o : ALL) {
      if (o.id().equals(id)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown objective '" + id + "'; known: " + ids(", "));
  }

  /** The ids as a sentence lists them: "a, b or c". */
  public static String idsInWords() {
    List<String> ids = ALL.stream().map(TrainingObjective::id).toList();
    return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.getLast();
  }

  /** The ids, joined with {@code separator}. */
  public static String ids(String separator) {
    return ALL.stream().map(TrainingObjective::id).collect(Collectors.joining(separator));
  }
}
