package org.facesearch.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.facesearch.trainer.testing.CpuManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each loss on small explicit tensors against values worked out by hand in the comments. */
class LossValuesTest {
  @RegisterExtension final CpuManager cpu = new CpuManager();

  private NDArray rows(float[]... rows) {
    float[] flat = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
    }
    return cpu.manager().create(flat, new Shape(rows.length, rows[0].length));
  }

  // Triplet 1: a=(0,0), p=(3,4), n=(0,1): d(a,p)=5, d(a,n)=1.
  // Triplet 2: a=(0,0), p=(0,1), n=(6,8): d(a,p)=1, d(a,n)=10.
  private NDArray triplets() {
    NDArray anchors = rows(new float[] {0, 0}, new float[] {0, 0});
    NDArray positives = rows(new float[] {3, 4}, new float[] {0, 1});
    NDArray negatives = rows(new float[] {0, 1}, new float[] {6, 8});
    return TripletLoss.stack(anchors, positives, negatives);
  }

  @Test
  void tripletLossAveragesTheHinge() {
    // margin 1: max(0, 5-1+1)=5 and max(0, 1-10+1)=0, mean 2.5.
    assertEquals(2.5f, new TripletLoss(1f, 1f).evaluate(triplets()).getFloat(), 1e-5);
  }

  @Test
  void tripletMarginShiftsEveryHinge() {
    // margin 3: 5-1+3=7 and 1-10+3<0, mean 3.5.  margin 0: 4 and 0, mean 2.
    assertEquals(3.5f, new TripletLoss(3f, 1f).evaluate(triplets()).getFloat(), 1e-5);
    assertEquals(2.0f, new TripletLoss(0f, 1f).evaluate(triplets()).getFloat(), 1e-5);
  }

  @Test
  void tripletTemperatureScalesDistancesButNotTheMargin() {
    // T=0.5 doubles distances: 10-2+1=9 and 2-20+1<0, mean 4.5.
    assertEquals(4.5f, new TripletLoss(1f, 0.5f).evaluate(triplets()).getFloat(), 1e-5);
    // T=2 halves them: 2.5-0.5+1=3 and 0.5-5+1<0, mean 1.5.
    assertEquals(1.5f, new TripletLoss(1f, 2f).evaluate(triplets()).getFloat(), 1e-5);
  }

  @Test
  void ntXentPicksTheOtherViewAmongAllOthers() {
    // Views agree: rows (1,0),(0,1),(1,0),(0,1). Row 0's cosines to rows 1,2,3: 0, 1 (partner), 0,
    // so its loss is -log(e^(1/T) / (e^0 + e^(1/T) + e^0)) = log(2 + e^(1/T)) - 1/T; every row
    // alike. The second view's lengths do not matter: cosines are taken.
    NDArray agree =
        rows(new float[] {1, 0}, new float[] {0, 1}, new float[] {2, 0}, new float[] {0, 3});
    double t1 = Math.log(2 + Math.E) - 1;
    double tHalf = Math.log(2 + Math.exp(2)) - 2;
    assertEquals(t1, new NtXentLoss(1f).evaluate(agree).getFloat(), 1e-5);
    assertEquals(tHalf, new NtXentLoss(0.5f).evaluate(agree).getFloat(), 1e-5);
  }

  @Test
  void ntXentPunishesPartnersThatDisagree() {
    // Views swapped: rows (1,0),(0,1),(0,1),(1,0). Row 0's partner (row 2) has cosine 0 and row 3
    // cosine 1: loss log(e^0 + e^0 + e^(1/T)) - 0 = log(2 + e^(1/T)); every row alike.
    NDArray swapped =
        rows(new float[] {1, 0}, new float[] {0, 1}, new float[] {0, 1}, new float[] {1, 0});
    assertEquals(Math.log(2 + Math.E), new NtXentLoss(1f).evaluate(swapped).getFloat(), 1e-5);
    assertEquals(
        Math.log(2 + Math.exp(4)), new NtXentLoss(0.25f).evaluate(swapped).getFloat(), 1e-4);
  }

  @Test
  void contrastiveLossPullsSamePairsAndPushesOthersToTheMargin() {
    // Pair 1 same, D=5: 25. Pair 2 different, D=1: max(0, m-1)^2, i.e. 1 for m=2, 0 for m=0.5,
    // 9 for m=4. Means: 13, 12.5, 17.
    NDArray first = rows(new float[] {0, 0}, new float[] {0, 0});
    NDArray second = rows(new float[] {3, 4}, new float[] {0, 1});
    NDArray same = cpu.manager().create(new float[] {1, 0});
    assertEquals(13f, new ContrastiveLoss(2f).evaluate(first, second, same).getFloat(), 1e-4);
    assertEquals(12.5f, new ContrastiveLoss(0.5f).evaluate(first, second, same).getFloat(), 1e-4);
    assertEquals(17f, new ContrastiveLoss(4f).evaluate(first, second, same).getFloat(), 1e-4);
  }

  @Test
  void batchAllContrastiveCoversEveryPairOnce() {
    // Rows (0,0) label 7, (3,4) label 7, (0,1) label 9. Pairs: (0,1) same D^2=25; (0,2) different
    // D=1; (1,2) different D=sqrt(9+9)=4.243.
    NDArray embeddings = rows(new float[] {0, 0}, new float[] {3, 4}, new float[] {0, 1});
    NDArray labels = cpu.manager().create(new int[] {7, 7, 9});
    // m=2: 25 + 1 + 0, over 3 pairs.
    assertEquals(
        26f / 3, new ContrastiveLoss(2f).evaluateAllPairs(embeddings, labels).getFloat(), 1e-4);
    // m=5: 25 + 16 + (5 - sqrt 18)^2, over 3 pairs.
    double expected = (25 + 16 + Math.pow(5 - Math.sqrt(18), 2)) / 3;
    assertEquals(
        expected, new ContrastiveLoss(5f).evaluateAllPairs(embeddings, labels).getFloat(), 1e-4);
  }

  @Test
  void binaryCrossEntropyOnLogits() {
    // Logit 0, target 1: -log(1/2) = log 2. Logit 2, target 0: -log(1 - s(2)) = log(1 + e^2).
    // Logit -3, target 0: log(1 + e^-3).
    NDArray logits = cpu.manager().create(new float[] {0, 2, -3});
    NDArray targets = cpu.manager().create(new float[] {1, 0, 0});
    double expected = (Math.log(2) + Math.log(1 + Math.exp(2)) + Math.log(1 + Math.exp(-3))) / 3;
    assertEquals(expected, new BinaryCrossEntropy().evaluate(logits, targets).getFloat(), 1e-5);
  }

  @Test
  void binaryCrossEntropyStaysFiniteForConfidentMistakes() {
    // Logit 100 for a different pair costs -log(1 - s(100)) ~ 100; naively log(0) = infinity.
    NDArray logits = cpu.manager().create(new float[] {100, -100, 100});
    NDArray targets = cpu.manager().create(new float[] {0, 1, 1});
    assertEquals(200f / 3, new BinaryCrossEntropy().evaluate(logits, targets).getFloat(), 1e-3);
  }

  @Test
  void malformedInputsAreRejectedWithShapes() {
    NDArray four = cpu.manager().zeros(new Shape(4, 2));
    assertEquals(
        "triplet embeddings must be (3B, d): anchors, positives, negatives; got (4, 2)",
        assertThrows(IllegalArgumentException.class, () -> new TripletLoss(1, 1).evaluate(four))
            .getMessage());
    NDArray three = cpu.manager().zeros(new Shape(3, 2));
    assertEquals(
        "NT-Xent embeddings must be (2N, d) with N >= 1: two views per image; got (3, 2)",
        assertThrows(IllegalArgumentException.class, () -> new NtXentLoss(1).evaluate(three))
            .getMessage());
    assertEquals(
        "triplet temperature must be > 0 and finite, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new TripletLoss(1, 0)).getMessage());
    assertEquals(
        "binary cross-entropy needs logits (N) and targets (N); got (3) and (2)",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new BinaryCrossEntropy()
                        .evaluate(
                            cpu.manager().zeros(new Shape(3)), cpu.manager().zeros(new Shape(2))))
            .getMessage());
  }
}
