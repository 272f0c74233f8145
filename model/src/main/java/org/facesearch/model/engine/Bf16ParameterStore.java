package org.facesearch.model.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands a network bf16 copies of its fp32 parameters, so that its layers compute in bf16 while the
 * weights themselves (what is saved, what the optimiser updates) stay fp32. A network that sees
 * this store (see {@code FaceNetwork}) also casts its input to bf16 and its features back.
 *
 * <p>{@link #forInference}: every parameter is cast once and the copy kept (the weights never
 * change). {@link #forTraining}: convolution and linear weights are cast on every forward pass,
 * inside autograd, so gradients reach the fp32 weights through the cast; batch-norm parameters and
 * running statistics stay fp32 (libtorch normalises bf16 input with fp32 statistics, and updates
 * the running statistics in place: a copy would lose the update). Call {@link #releaseStepCasts}
 * after each step.
 */
public final class Bf16ParameterStore extends ParameterStore {
  private final Bf16Casts casts;
  private final boolean training;
  private final ParameterStore master;
  private final Map<String, NDArray> cached = new ConcurrentHashMap<>();
  private final List<NDArray> stepCasts = new ArrayList<>();

  private Bf16ParameterStore(NDManager manager, Bf16Casts casts, boolean training) {
    super(manager, false);
    this.casts = casts;
    this.training = training;
    this.master = new ParameterStore(manager, false);
  }

  /** For inference with fixed weights on {@code manager}. */
  public static Bf16ParameterStore forInference(NDManager manager, Bf16Casts casts) {
    return new Bf16ParameterStore(manager, casts, false);
  }

  /** For training the weights on {@code manager}. */
  public static Bf16ParameterStore forTraining(NDManager manager, Bf16Casts casts) {
    return new Bf16ParameterStore(manager, casts, true);
  }

  /** The casts this store uses (for a network's input and output). */
  public Bf16Casts casts() {
    return casts;
  }

  /** A plain store of the same fp32 parameters, for the layers kept in fp32 (the heads). */
  public ParameterStore master() {
    return master;
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean isTraining) {
    if (parameter == null) {
      // A layer built without the parameter (a convolution without bias) asks for null.
      return null;
    }
    NDArray value = super.getValue(parameter, device, isTraining);
    if (!training) {
      return cached.computeIfAbsent(
          parameter.getId(),
          id -> {
            // Kept on this store's manager (an embedder's scope), not the weights' manager, so
            // that an embedder over a network in training frees its copies when it closes.
            NDArray cast = casts.toBf16(value, false);
            cast.attach(getManager());
            return cast;
          });
    }
    Parameter.Type type = parameter.getType();
    if (type != Parameter.Type.WEIGHT && type != Parameter.Type.BIAS) {
      return value;
    }
    NDArray cast = casts.toBf16(value, true);
    synchronized (stepCasts) {
      stepCasts.add(cast);
    }
    return cast;
  }

  /** Frees the casts made for the last training step (after its backward pass and update). */
  public void releaseStepCasts() {
    synchronized (stepCasts) {
      stepCasts.forEach(NDArray::close);
      stepCasts.clear();
    }
  }
}
