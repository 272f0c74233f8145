import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.lang.management.*;
import java.nio.file.*;
import java.util.*;
import org.facesearch.model.arch.FaceNetwork;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.engine.*;

/**
 * A bundle's backbone forward pass in fp32 and in bf16, side by side on one PyTorch thread, in
 * thread CPU time (what a co-tenant disturbs least), alternating rounds after a warm-up; then each
 * precision's busiest operators from PyTorch's profiler (self time). Says whether this CPU has
 * native bf16 (there, oneDNN's bf16 convolutions; elsewhere PyTorch's reference kernels).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
 *     -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')cli/target/facesearch-cli.jar" \
 *     bench/ForwardPassProbe.java models/default 64 5
 * </pre>
 */
public class ForwardPassProbe {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    runtime.setIntraOpThreads(1);
    ModelBundle bundle = ModelBundle.open(Path.of(args[0]));
    int batch = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    int size = bundle.metadata().spec().input().size();
    int channels = bundle.metadata().spec().input().channels();
    NDManager manager = runtime.newManager();
    FaceNetwork net = bundle.loadNetwork(manager);
    Map<String, ParameterStore> stores = new LinkedHashMap<>();
    stores.put("fp32", new ParameterStore(manager, false));
    stores.put("bf16", Bf16ParameterStore.forInference(manager, new Bf16Casts(manager)));
    float[] x = new float[batch * channels * size * size];
    Random random = new Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    Shape shape = new Shape(batch, channels, size, size);
    JniUtils.setGradMode(false);
    stores.values().forEach(s -> pass(net, s, manager, x, shape));
    Map<String, Double> ms = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (var e : stores.entrySet()) {
        long t0 = MX.getCurrentThreadCpuTime();
        pass(net, e.getValue(), manager, x, shape);
        ms.merge(e.getKey(), (MX.getCurrentThreadCpuTime() - t0) / 1e6 / rounds, Double::sum);
      }
    }
    System.out.printf(
        "%s, a pass of %d at %dx%d, 1 PyTorch thread, %d rounds after a warm-up; native bf16: %s%n",
        bundle.modelId(), batch, size, size, rounds,
        Precision.AUTO.resolve(runtime.device()) == Precision.BF16 ? "yes" : "no");
    ms.forEach((k, v) -> System.out.printf("  %s: %8.1f ms thread CPU per pass%n", k, v));
    System.out.printf("  bf16/fp32: %.2fx%n", ms.get("bf16") / ms.get("fp32"));
    for (var e : stores.entrySet()) {
      Path trace = Files.createTempFile("forward-" + e.getKey(), ".json");
      JniUtils.startProfile(false, false, false);
      pass(net, e.getValue(), manager, x, shape);
      JniUtils.stopProfile(trace.toString());
      System.out.printf("  %s busiest operators (self ms of one pass):%n", e.getKey());
      selfTimes(trace).entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .limit(5)
          .forEach(o -> System.out.printf("    %-32s %8.1f%n", o.getKey(), o.getValue()));
      Files.delete(trace);
    }
    System.exit(0);
  }

  private static void pass(
      FaceNetwork net, ParameterStore store, NDManager manager, float[] x, Shape shape) {
    try (NDManager scope = manager.newSubManager()) {
      net.features(store, scope.create(x, shape), false).toFloatArray();
    }
  }

  /** Self time per operator name from a chrome trace: each event less the events nested in it. */
  private static Map<String, Double> selfTimes(Path trace) throws Exception {
    record Event(String name, double start, double duration) {}
    List<Event> events = new ArrayList<>();
    String text = Files.readString(trace);
    var m =
        java.util.regex.Pattern.compile(
                "\"name\":\\s*\"([^\"]+)\",\\s*\"ph\":\\s*\"X\",\\s*\"ts\":\\s*([0-9.]+),\\s*\"dur\":\\s*([0-9.]+)")
            .matcher(text);
    while (m.find()) {
      events.add(
          new Event(m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
    }
    events.sort(
        Comparator.comparingDouble(Event::start).thenComparing(e -> -e.duration()));
    Map<String, Double> self = new HashMap<>();
    Deque<Event> open = new ArrayDeque<>();
    for (Event e : events) {
      while (!open.isEmpty() && open.peek().start() + open.peek().duration() <= e.start()) {
        open.pop();
      }
      if (!open.isEmpty()) {
        self.merge(open.peek().name(), -e.duration() / 1000, Double::sum);
      }
      self.merge(e.name(), e.duration() / 1000, Double::sum);
      open.push(e);
    }
    return self;
  }
}
