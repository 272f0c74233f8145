package org.facesearch.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.facesearch.trainer.testing.CpuManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batch-hard mining on points on a line, with hardest pairs and losses worked out by hand. */
class BatchHardTripletTest {
  @RegisterExtension final CpuManager cpu = new CpuManager();

  // Points x = 0, 1, 3 (person 0) and 4, 9 (person 1), as (x, 0).
  //  x=0: farthest positive 3, nearest negative 4 -> 3 - 4
  //  x=1: farthest positive 2 (to 3), nearest negative 3 (to 4) -> 2 - 3
  //  x=3: farthest positive 3 (to 0), nearest negative 1 (to 4) -> 3 - 1
  //  x=4: farthest positive 5 (to 9), nearest negative 1 (to 3) -> 5 - 1
  //  x=9: farthest positive 5, nearest negative 6 (to 3) -> 5 - 6
  private NDArray points() {
    return cpu.manager().create(new float[] {0, 0, 1, 0, 3, 0, 4, 0, 9, 0}, new Shape(5, 2));
  }

  private NDArray labels() {
    return cpu.manager().create(new int[] {0, 0, 0, 1, 1});
  }

  @Test
  void eachAnchorUsesItsHardestPositiveAndNegative() {
    // margin 1: max(0,-1+1)=0, max(0,-1+1)=0, 2+1=3, 4+1=5, max(0,-1+1)=0 -> mean 8/5.
    assertEquals(
        1.6f, new TripletLoss(1f, 1f).evaluateBatchHard(points(), labels()).getFloat(), 1e-5);
  }

  @Test
  void marginAndTemperatureEnterAsInThePlainLoss() {
    // margin 2: 1, 1, 4, 6, 1 -> 13/5.
    assertEquals(
        2.6f, new TripletLoss(2f, 1f).evaluateBatchHard(points(), labels()).getFloat(), 1e-5);
    // temperature 2 halves every distance: -0.5+1, -0.5+1, 1+1, 2+1, -0.5+1 -> 6.5/5.
    assertEquals(
        1.3f, new TripletLoss(1f, 2f).evaluateBatchHard(points(), labels()).getFloat(), 1e-5);
  }

  @Test
  void anchorsWithoutAPositiveAreLeftOut() {
    // Person 2 at x=20 has no positive, so is no anchor; as a negative it is nobody's nearest
    // (x=9's stays x=3, at 6 < 11). The mean stays over the other five anchors.
    NDArray six =
        cpu.manager().create(new float[] {0, 0, 1, 0, 3, 0, 4, 0, 9, 0, 20, 0}, new Shape(6, 2));
    NDArray labels = cpu.manager().create(new int[] {0, 0, 0, 1, 1, 2});
    assertEquals(1.6f, new TripletLoss(1f, 1f).evaluateBatchHard(six, labels).getFloat(), 1e-5);
  }

  @Test
  void aBatchOfOnePersonIsRefused() {
    NDArray pts = cpu.manager().create(new float[] {0, 0, 1, 0}, new Shape(2, 2));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TripletLoss(1f, 1f)
                    .evaluateBatchHard(pts, cpu.manager().create(new int[] {3, 3})));
    assertEquals(
        "batch-hard triplets need an identity with 2+ rows and another identity in the batch",
        e.getMessage());
  }
}
