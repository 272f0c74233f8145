package org.facesearch.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.data.sample.IndexPair;
import org.facesearch.data.sample.PairSampler;
import org.facesearch.trainer.PairSource;

/** Pair batches for the Siamese objectives, drawn from one step seed. */
public final class PairBatches {
  private final TrainingData data;
  private final PairSource source;

  public PairBatches(TrainingData data, PairSource source) {
    if (source == PairSource.BATCH_ALL) {
      throw new IllegalArgumentException("batch-all batches are P x K images, not listed pairs");
    }
    if (source != PairSource.SAMPLED && data.trainingProtocolPairs().isEmpty()) {
      throw new IllegalArgumentException(
          "no "
              + TrainingData.THRESHOLD_PAIRS
              + " pair has both people among the training people;"
              + " use sampled pairs");
    }
    this.data = data;
    this.source = source;
  }

  /** {@code size} training pairs for the step with this seed. */
  public List<IndexPair> next(int size, long seed) {
    return switch (source) {
      case SAMPLED -> sampled(size, seed);
      case PROTOCOL -> protocol(size, seed);
      case MIXED -> {
        List<IndexPair> both = new ArrayList<>(protocol(size / 2, seed));
        both.addAll(sampled(size - size / 2, StepSeeds.of(seed, 1)));
        yield both;
      }
      case BATCH_ALL -> throw new IllegalStateException("unreachable");
    };
  }

  private List<IndexPair> sampled(int size, long seed) {
    return new PairSampler(data.crops(), data.train(), seed).nextBatch(size);
  }

  /** Distinct protocol pairs while there are enough, then with repetition. */
  private List<IndexPair> protocol(int size, long seed) {
    List<IndexPair> all = data.trainingProtocolPairs();
    SplittableRandom random = new SplittableRandom(seed);
    int[] order = new int[all.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    List<IndexPair> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int k = i % order.length;
      int j = k + random.nextInt(order.length - k);
      int t = order[j];
      order[j] = order[k];
      order[k] = t;
      batch.add(all.get(order[k]));
    }
    return batch;
  }
}
