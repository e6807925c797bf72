package netcanvas.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import netcanvas.presets.Presets;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inference paths against each other in one process, in alternating rounds (on a shared machine load comes and
 * goes; alternating exposes every path to the same conditions): SameDiff's own session ({@code SameDiff.output}, what
 * {@code bench inference} timed before), the {@link ForwardPass} without folding batch norms, and the ForwardPass as
 * shipped. For decisions about the inference path (docs/decisions), not a user command.
 *
 * <p>Usage: {@code java -cp netcanvas.jar netcanvas.train.InferencePaths [networks=resnet50,mobilenet_v2,lenet5]
 * [batches=1,32] [rounds=5] [iterations=10] [warmupSeconds=2]}.
 */
final class InferencePaths {
    private InferencePaths() {
    }

    public static void main(String[] args) throws Exception {
        NativeSetup.now();
        List<String> networks = List.of((args.length > 0 ? args[0] : "resnet50,mobilenet_v2,lenet5").split(","));
        int[] batches = Arrays.stream((args.length > 1 ? args[1] : "1,32").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int iters = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        double warmup = args.length > 4 ? Double.parseDouble(args[4]) : 2;
        System.out.println(NativeLibraries.describe());
        for (String name : networks) {
            CompiledNet c = SameDiffCompiler.compile(Presets.load(name), Mode.INFER, 1);
            try (ForwardPass plain = new ForwardPass(c, List.of(CompiledNet.LOGITS), false);
                    ForwardPass folded = new ForwardPass(c, List.of(CompiledNet.LOGITS))) {
                Map<String, Function<INDArray, INDArray>> paths = new LinkedHashMap<>();
                paths.put("session", InferenceBenchmark.session(c));
                paths.put("pass", InferenceBenchmark.forward(plain));
                paths.put("pass+fold", InferenceBenchmark.forward(folded));
                for (int batch : batches) {
                    Map<String, List<Double>> rates = new LinkedHashMap<>();
                    for (int round = 0; round < rounds; round++) {
                        StringBuilder line = new StringBuilder();
                        for (var p : paths.entrySet()) {
                            double r = InferenceBenchmark.imagesPerSecond(p.getValue(), c.inputShape(), batch,
                                    batch == 1 ? iters : Math.max(1, iters / 4), warmup);
                            rates.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(r);
                            line.append(String.format(Locale.ROOT, " %s %.2f", p.getKey(), r));
                        }
                        System.out.printf(Locale.ROOT, "%s b%d round %d img/s:%s%n", name, batch, round + 1, line);
                    }
                    StringBuilder summary = new StringBuilder();
                    for (var e : rates.entrySet()) {
                        List<Double> v = new ArrayList<>(e.getValue());
                        v.sort(null);
                        summary.append(String.format(Locale.ROOT, " %s best %.2f median %.2f;", e.getKey(),
                                v.get(v.size() - 1), v.get(v.size() / 2)));
                    }
                    System.out.printf(Locale.ROOT, "%s b%d (%d batch norms folded):%s%n", name, batch,
                            folded.foldedBatchNorms(), summary);
                }
            }
        }
    }
}
