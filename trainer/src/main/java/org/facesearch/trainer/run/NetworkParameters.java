package org.facesearch.trainer.run;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.model.arch.FaceNetwork;

/** Loading saved parameters into a network that is about to be trained. */
final class NetworkParameters {
  private NetworkParameters() {}

  /**
   * Replaces {@code network}'s parameter arrays by those in {@code in} (DJL's block encoding),
   * closing the old ones and letting the new ones collect gradients again.
   *
   * @param what names the source in the exception
   * @throws IllegalStateException when the stream does not hold the network's parameters
   */
  static void replace(FaceNetwork network, NDManager manager, DataInputStream in, String what) {
    List<NDArray> replaced = new ArrayList<>();
    network.getParameters().values().forEach(p -> replaced.add(p.getArray()));
    try {
      network.loadParameters(manager, in);
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("cannot load " + what + ": " + e.getMessage(), e);
    }
    replaced.forEach(NDArray::close);
    // Loading makes fresh arrays that do not collect gradients; training needs them to.
    for (Parameter p : network.getParameters().values()) {
      if (p.requiresGradient()) {
        p.getArray().setRequiresGradient(true);
      }
    }
  }
}
