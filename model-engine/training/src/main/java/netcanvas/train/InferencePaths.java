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
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inference paths against each other in one process, in alternating rounds (on a shared machine load comes and
 * goes; alternating exposes every path to the same conditions): SameDiff's own session ({@code SameDiff.output}, what
 * {@code bench inference} timed before), the {@link ForwardPass} without folding batch norms ("pass"), folded but with
 * pointwise convolutions as libnd4j's conv2d ("pass+fold-1x1"), and the ForwardPass as shipped ("pass+fold"). For
 * decisions about the inference path (docs/decisions), not a user command.
 *
 * <p>Usage: {@code java -cp netcanvas.jar netcanvas.train.InferencePaths [networks=resnet50,mobilenet_v2,lenet5]
 * [batches=1,32] [rounds=5] [iterations=10] [warmupSeconds=2] [profile|-] [paths=all]}; with {@code profile} it
 * then prints the passes' time by operation; paths is a comma-separated subset of the four names.
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
        List<String> chosen = args.length > 6 ? List.of(args[6].split(",")) : List.of();
        System.out.println(NativeLibraries.describe());
        for (String name : networks) {
            CompiledNet c = SameDiffCompiler.compile(Presets.load(name), Mode.INFER, 1);
            try (ForwardPass plain = new ForwardPass(c, List.of(CompiledNet.LOGITS), false);
                    ForwardPass convolutions = new ForwardPass(c, List.of(CompiledNet.LOGITS), true, false);
                    ForwardPass folded = new ForwardPass(c, List.of(CompiledNet.LOGITS))) {
                Map<String, Function<INDArray, INDArray>> all = new LinkedHashMap<>();
                all.put("session", InferenceBenchmark.session(c));
                all.put("pass", InferenceBenchmark.forward(plain));
                all.put("pass+fold-1x1", InferenceBenchmark.forward(convolutions));
                all.put("pass+fold", InferenceBenchmark.forward(folded));
                Map<String, Function<INDArray, INDArray>> paths = new LinkedHashMap<>();
                all.forEach((k, v) -> {
                    if (chosen.isEmpty() || chosen.contains(k)) {
                        paths.put(k, v);
                    }
                });
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
                    if (args.length > 5 && args[5].equals("profile")) {
                        if (paths.containsKey("pass")) {
                            profile(name + " b" + batch + " pass", plain, c, batch, iters);
                        }
                        if (paths.containsKey("pass+fold-1x1")) {
                            profile(name + " b" + batch + " pass+fold-1x1", convolutions, c, batch, iters);
                        }
                        profile(name + " b" + batch + " pass+fold", folded, c, batch, iters);
                    }
                }
            }
        }
    }

    private static void profile(String label, ForwardPass pass, CompiledNet c, int batch, int iters) {
        long[] s = c.inputShape().dims();
        INDArray x = Nd4j.randn(batch, s[0], s[1], s[2]);
        pass.profile(x, 1);
        Map<String, Double> ms = pass.profile(x, iters);
        double total = ms.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf(Locale.ROOT, "%s by operation: %.2f ms%n", label, total);
        ms.entrySet().stream().limit(8).forEach(e -> System.out.printf(Locale.ROOT, "  %-28s %8.3f ms %5.1f%%%n",
                e.getKey(), e.getValue(), 100 * e.getValue() / total));
    }
}
