package org.facesearch.trainer.step;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adam with L2 weight decay (the decay is added to the gradient, as {@code torch.optim.Adam}'s
 * {@code weight_decay} does) or, decoupled, AdamW's (the weights shrink by rate x decay before the
 * step, as {@code torch.optim.AdamW}), keeping its moments by parameter <em>name</em> so that a
 * checkpoint can save and restore them: DJL's own Adam keys them by random per-process ids and
 * hides them, so a resumed run would restart with empty moments and bias correction from step 1.
 */
public final class Adam implements ParameterUpdater {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;
  private static final int STATE_FORMAT = 1;

  private final float learningRate;
  private final long decaySteps;
  private final float weightDecay;
  private final boolean decoupled;
  private final NDManager manager;
  private final Map<String, Moments> moments = new TreeMap<>();

  private static final class Moments {
    final NDArray mean;
    final NDArray variance;
    long updates;

    Moments(NDArray mean, NDArray variance, long updates) {
      this.mean = mean;
      this.variance = variance;
      this.updates = updates;
    }
  }

  /** A constant learning rate. */
  public Adam(float learningRate, float weightDecay, NDManager manager) {
    this(learningRate, 0, weightDecay, false, manager);
  }

  /**
   * @param decaySteps 0 for a constant learning rate; else the rate follows a cosine from {@code
   *     learningRate} at the first update to 0 at update {@code decaySteps} (and stays 0 after)
   * @param decoupled AdamW's decay instead of the L2 term in the gradient
   * @param manager holds the moments (the network's manager: they live as long as the weights)
   */
  public Adam(
      float learningRate,
      long decaySteps,
      float weightDecay,
      boolean decoupled,
      NDManager manager) {
    if (decaySteps < 0) {
      throw new IllegalArgumentException("decay steps must be >= 0, got " + decaySteps);
    }
    this.decaySteps = decaySteps;
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be > 0 and finite, got " + learningRate);
    }
    if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
      throw new IllegalArgumentException(
          "weight decay must be >= 0 and finite, got " + weightDecay);
    }
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
    this.manager = manager;
  }

  @Override
  public void update(String name, Parameter parameter, NDArray gradient) {
    NDArray weight = parameter.getArray();
    Moments m =
        moments.computeIfAbsent(
            name,
            n ->
                new Moments(
                    manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()),
                    manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()),
                    0));
    m.updates++;
    double firstCorrection = 1 - Math.pow(BETA1, m.updates);
    double secondCorrection = 1 - Math.pow(BETA2, m.updates);
    // libtorch's fused update (the one DJL's Adam calls) with the bias correction folded into the
    // step size; clip -1 = no clipping, rescale 1 = the gradient as it is.
    float rate = rateAt(m.updates);
    float stepSize = (float) (rate * Math.sqrt(secondCorrection) / firstCorrection);
    weight
        .getNDArrayInternal()
        .adamUpdate(
            new NDList(weight, gradient, m.mean, m.variance),
            new NDList(weight),
            rate,
            stepSize,
            weightDecay,
            1f,
            -1f,
            BETA1,
            BETA2,
            EPSILON,
            true,
            decoupled);
  }

  /** The learning rate of update number {@code update} (1-based). */
  public float rateAt(long update) {
    if (decaySteps == 0) {
      return learningRate;
    }
    double progress = Math.min(1.0, (update - 1) / (double) decaySteps);
    return (float) (learningRate * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }

  /** Updates taken so far by the parameter that has taken the most (0 before the first step). */
  public long updates() {
    return moments.values().stream().mapToLong(m -> m.updates).max().orElse(0);
  }

  /** Writes every parameter's moments and update count. */
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(STATE_FORMAT);
    out.writeInt(moments.size());
    for (Map.Entry<String, Moments> e : moments.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue().updates);
      writeArray(out, e.getValue().mean);
      writeArray(out, e.getValue().variance);
    }
  }

  /**
   * Restores state written by {@link #save}, replacing any held now.
   *
   * @throws IOException if the stream is not Adam state or is cut short
   */
  public void load(DataInputStream in) throws IOException {
    int format = in.readInt();
    if (format != STATE_FORMAT) {
      throw new IOException("optimizer state format " + format + " is not " + STATE_FORMAT);
    }
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("optimizer state holds a negative number of parameters: " + count);
    }
    moments
        .values()
        .forEach(
            m -> {
              m.mean.close();
              m.variance.close();
            });
    moments.clear();
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      long updates = in.readLong();
      moments.put(name, new Moments(readArray(in), readArray(in), updates));
    }
  }

  private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
    long[] shape = array.getShape().getShape();
    out.writeInt(shape.length);
    for (long d : shape) {
      out.writeLong(d);
    }
    float[] values = array.toFloatArray();
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
    bytes.asFloatBuffer().put(values);
    out.write(bytes.array());
  }

  private NDArray readArray(DataInputStream in) throws IOException {
    int rank = in.readInt();
    if (rank < 0 || rank > 8) {
      throw new IOException("optimizer state holds an array of rank " + rank);
    }
    long[] shape = new long[rank];
    long size = 1;
    for (int d = 0; d < rank; d++) {
      shape[d] = in.readLong();
      if (shape[d] < 0 || shape[d] > Integer.MAX_VALUE) {
        throw new IOException("optimizer state holds an array dimension of " + shape[d]);
      }
      size *= shape[d];
    }
    if (size > Integer.MAX_VALUE) {
      throw new IOException("optimizer state holds an array of " + size + " values");
    }
    byte[] bytes = new byte[Math.toIntExact(size * Float.BYTES)];
    in.readFully(bytes);
    float[] values = new float[(int) size];
    ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
    return manager.create(values, new Shape(shape));
  }
}
