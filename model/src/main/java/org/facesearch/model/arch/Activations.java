package org.facesearch.model.arch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.model.onnx.ActivationRange;
import org.facesearch.model.onnx.ConvWeights;
import org.facesearch.model.onnx.OnnxGraph;

/**
 * How an ONNX export stores the activations it marks (the input, every ReLU's output, each residual
 * branch before its sum), in the order it marks them: as they are in fp32 ({@link #FLOAT}), as
 * outputs to read their ranges from ({@link #probed()}), or in 8 bits with their convolutions in
 * int8 ({@link #int8}).
 */
abstract class Activations {
  static final Activations FLOAT =
      new Activations() {
        @Override
        String store(OnnxGraph graph, String x) {
          return x;
        }
      };

  /** Marks {@code x} as stored; what later layers read. */
  abstract String store(OnnxGraph graph, String x);

  String conv(OnnxGraph graph, String x, ConvWeights w, int stride, int[] pads) {
    return graph.conv(x, w, stride, pads);
  }

  /** Every marked activation made an output of the graph, in order: for calibration. */
  static Probed probed() {
    return new Probed();
  }

  static final class Probed extends Activations {
    private final List<String> names = new ArrayList<>();

    @Override
    String store(OnnxGraph graph, String x) {
      graph.probe(x);
      names.add(x);
      return x;
    }

    /** The marked values' names, in order. */
    List<String> names() {
      return List.copyOf(names);
    }
  }

  /** Each marked activation quantised to uint8 in {@code ranges}' range, in order. */
  static Activations int8(List<ActivationRange> ranges, int weightLevels) {
    return new Activations() {
      private final Map<String, ActivationRange> stored = new HashMap<>();
      private int next;

      @Override
      String store(OnnxGraph graph, String x) {
        if (next >= ranges.size()) {
          throw new IllegalStateException(
              "the network stores more activations than the " + ranges.size() + " ranges given");
        }
        ActivationRange range = ranges.get(next++);
        String q = graph.fakeQuantize(x, range);
        stored.put(q, range);
        return q;
      }

      @Override
      String conv(OnnxGraph graph, String x, ConvWeights w, int stride, int[] pads) {
        ActivationRange range = stored.get(x);
        if (range == null) {
          throw new IllegalStateException("a convolution's input was not stored in 8 bits");
        }
        return graph.convInt8(x, range, w, stride, pads, weightLevels);
      }
    };
  }
}
