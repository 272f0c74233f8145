package org.facesearch.trainer.step;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.Map;
import java.util.function.Function;
import org.facesearch.model.engine.Bf16Casts;
import org.facesearch.model.engine.Bf16ParameterStore;
import org.facesearch.model.engine.Precision;

/**
 * One optimiser step: forward and loss under gradient collection, backward, then an update of every
 * trainable parameter. Run each step inside its own sub-manager of the parameters' manager (the
 * batch's inputs created there), so the step's tensors are freed when it closes:
 *
 * <pre>{@code
 * try (NDManager batch = manager.newSubManager()) {
 *   NDArray images = spec.input().tensor(batch, crops);
 *   float loss = step.run(store -> triplet.evaluate(net.forward(store, new NDList(images), true).get(1)));
 * }
 * }</pre>
 */
public final class TrainingStep {
  private final Block block;
  private final Map<String, Parameter> extra;
  private final ParameterUpdater updater;
  private final ParameterStore store;
  private final NDManager manager;

  /**
   * @param block the initialised network whose parameters are trained
   * @param updater e.g. {@link Adam}; it keeps its state on {@code manager}
   * @param manager the manager holding the parameters
   */
  public TrainingStep(Block block, ParameterUpdater updater, NDManager manager) {
    this(block, Map.of(), updater, manager, Precision.FP32);
  }

  /** The block's own parameters only, in {@code precision}. */
  public TrainingStep(
      Block block, ParameterUpdater updater, NDManager manager, Precision precision) {
    this(block, Map.of(), updater, manager, precision);
  }

  /**
   * @param extra parameters outside the block that are trained too (e.g. a loss's class matrix),
   *     under their map keys, which must differ from the block's parameter names
   * @param precision {@link Precision#FP32}, or {@link Precision#BF16} for mixed precision: the
   *     forward and backward passes of the backbone in bf16, the weights, their gradients and the
   *     optimiser's state fp32 (see {@link Bf16ParameterStore}); AUTO is resolved here
   */
  public TrainingStep(
      Block block,
      Map<String, Parameter> extra,
      ParameterUpdater updater,
      NDManager manager,
      Precision precision) {
    if (!block.isInitialized()) {
      throw new IllegalArgumentException("initialise the block before training it");
    }
    this.block = block;
    this.extra = Map.copyOf(extra);
    this.updater = updater;
    this.manager = manager;
    this.store =
        precision.resolve(manager.getDevice()) == Precision.BF16
            ? Bf16ParameterStore.forTraining(manager, new Bf16Casts(manager))
            : new ParameterStore(manager, false);
  }

  /** With one of DJL's optimisers (state not saved in checkpoints). */
  public TrainingStep(Block block, Optimizer optimizer, NDManager manager) {
    this(block, (name, p, g) -> optimizer.update(p.getId(), p.getArray(), g), manager);
  }

  /** The store forward passes of this step's network use. */
  public ParameterStore store() {
    return store;
  }

  /**
   * Computes {@code lossOf(store)} (a scalar; the forward passes must use {@code store} and {@code
   * training = true}), back-propagates it, updates the parameters and returns the loss.
   */
  public float run(Function<ParameterStore, NDArray> lossOf) {
    NDArray loss;
    try {
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        loss = lossOf.apply(store);
        if (loss.getShape().size() != 1) {
          throw new IllegalArgumentException("the loss must be a scalar, got " + loss.getShape());
        }
        collector.backward(loss);
      }
      for (Pair<String, Parameter> named : block.getParameters()) {
        Parameter parameter = named.getValue();
        if (!parameter.requiresGradient()) {
          continue;
        }
        // The gradient handle is a fresh wrapper on the weight's manager: close it, or it lives
        // as long as the network does.
        try (NDArray gradient = parameter.getArray().getGradient()) {
          updater.update(named.getKey(), parameter, gradient);
        }
      }
      for (Map.Entry<String, Parameter> named : extra.entrySet()) {
        try (NDArray gradient = named.getValue().getArray().getGradient()) {
          updater.update(named.getKey(), named.getValue(), gradient);
        }
      }
      return loss.getFloat();
    } finally {
      if (store instanceof Bf16ParameterStore bf16) {
        bf16.releaseStepCasts();
      }
    }
  }
}
