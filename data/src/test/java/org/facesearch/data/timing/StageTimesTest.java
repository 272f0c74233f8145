package org.facesearch.data.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTimesTest {

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aStageInsideAnotherIsTakenOutOfItSoTheStagesAddUpToAtMostTheWallTime() {
    StageTimes times = new StageTimes();
    long start = System.nanoTime();
    String answer =
        times.call(
            () ->
                StageTimes.time(
                    Stage.ALIGN,
                    () -> {
                      StageTimes.time(Stage.LANDMARKS, () -> sleep(30));
                      long asked = System.nanoTime();
                      sleep(5);
                      StageTimes.record(Stage.WAIT, System.nanoTime() - asked);
                      return "aligned";
                    }));
    double wall = (System.nanoTime() - start) / 1e6;

    assertEquals("aligned", answer);
    Map<Stage, Double> millis = times.millis();
    assertTrue(millis.get(Stage.WAIT) >= 5, "measured by hand: " + millis);
    assertTrue(millis.get(Stage.LANDMARKS) >= 30, millis.toString());
    double sum = millis.values().stream().mapToDouble(Double::doubleValue).sum();
    assertTrue(sum <= wall, sum + " ms of stages in " + wall + " ms: " + millis);
    // ALIGN's own time is what is left of it: the wall time less the two inner stages.
    assertTrue(
        millis.getOrDefault(Stage.ALIGN, 0.0)
            <= wall - millis.get(Stage.LANDMARKS) - millis.get(Stage.WAIT),
        millis.toString());
  }

  @Test
  void stagesOfTheSameKindAddUp() {
    StageTimes times = new StageTimes();
    times.run(
        () -> {
          StageTimes.record(Stage.UPLOAD, 1_000_000);
          StageTimes.record(Stage.UPLOAD, 2_500_000);
        });

    assertEquals(Map.of(Stage.UPLOAD, 3.5), times.millis());
  }

  @Test
  void withNothingBoundTimingRunsTheWorkAndRecordsNothing() {
    StageTimes unbound = new StageTimes();

    assertEquals(42, StageTimes.time(Stage.EMBED, () -> 42));
    StageTimes.record(Stage.WAIT, 1_000_000);

    assertTrue(unbound.millis().isEmpty());
  }

  @Test
  void aStageThatThrowsIsStillCounted() {
    StageTimes times = new StageTimes();
    try {
      times.run(
          () ->
              StageTimes.time(
                  Stage.DETECT,
                  () -> {
                    sleep(5);
                    throw new IllegalStateException("no face");
                  }));
    } catch (IllegalStateException expected) {
      // the request fails; its times are still there for the error answer's header
    }

    assertTrue(times.millis().get(Stage.DETECT) >= 5, times.millis().toString());
  }

  @Test
  void stagesAreNamedByTheirIds() {
    for (Stage stage : Stage.values()) {
      assertEquals(stage, Stage.of(stage.id()).orElseThrow());
      assertTrue(stage.id().matches("[a-z]+"), stage.id());
    }
    assertTrue(Stage.of("total").isEmpty());
  }
}
