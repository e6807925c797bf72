package netcanvas.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import netcanvas.graph.Network;
import netcanvas.graph.Shape;
import netcanvas.presets.Presets;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference speed against PyTorch CPU: the resnet50 and mobilenet_v2 presets at 3x224x224 and lenet5 at 1x32x32, at
 * batch 1 (latency) and batch 32 (throughput). NetCanvas runs the compiled inference graph through its
 * {@link ForwardPass}, as {@code run} and {@link InferenceNet} do (batch norm with running statistics, folded into
 * the convolution before it; dropout off); PyTorch runs NetCanvas's PyTorch export
 * of the same preset in eval mode under torch.no_grad(), with the same thread count, in the same invocation. Both
 * start from fresh random weights: speed does not depend on their values.
 *
 * <p>Usage: {@code InferenceBenchmark [iterations=20] [python=/usr/bin/python3] [rounds=5] [warmupSeconds=4]
 * [networks=all] [profile|-]}; the iterations are timed forward passes per round at batch 1 (a quarter of them, at
 * least one, at batch 32); networks is a comma-separated subset of {@link #NETWORKS}; with {@code profile} it then
 * prints where each row's forward pass spends its time, by operation.
 */
public final class InferenceBenchmark {
    /** The presets timed, in order. */
    public static final List<String> NETWORKS = List.of("resnet50", "mobilenet_v2", "lenet5");
    private static final int ROUNDS = 5;
    private static final double WARMUP_SECONDS = 4;
    private static final int[] BATCHES = {1, 32};

    private InferenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        NativeSetup.now();
        int iters = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String python = args.length > 1 ? args[1] : "/usr/bin/python3";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : ROUNDS;
        double warmup = args.length > 3 ? Double.parseDouble(args[3]) : WARMUP_SECONDS;
        List<String> networks = args.length > 4 && !args[4].equals("all") ? List.of(args[4].split(",")) : NETWORKS;
        int threads = TrainBenchmark.threads();
        System.out.printf(Locale.ROOT, "inference (eval mode; PyTorch under no_grad), %d threads, %.0f s of warm-up,"
                + " best of %d alternating rounds%n", threads, warmup, rounds);
        System.out.println(NativeLibraries.describe());
        System.out.printf(Locale.ROOT, "%-30s %14s %14s %8s%n", "network, batch", "NetCanvas img/s", "PyTorch img/s",
                "ratio");
        Path dir = Files.createTempDirectory("netcanvas-bench");
        try {
            for (String name : networks) {
                Network net = Presets.load(name);
                String exported = TorchPeer.export(net, dir);
                CompiledNet c = SameDiffCompiler.compile(net, Mode.INFER, 1);
                try (ForwardPass pass = new ForwardPass(c, List.of(CompiledNet.LOGITS))) {
                    for (int batch : BATCHES) {
                        int n = batch == 1 ? iters : Math.max(1, iters / 4);
                        double[] ours = new double[rounds];
                        double[] torch = new double[rounds];
                        for (int round = 0; round < rounds; round++) {
                            ours[round] = imagesPerSecond(forward(pass), c.inputShape(), batch, n, warmup);
                            torch[round] = TorchPeer.imagesPerSecond(python, exported, batch, warmup, n, threads, 0,
                                    true);
                        }
                        String shape = c.inputShape().toString();
                        TorchPeer.printRow(name + " " + shape + " b" + batch, ours, torch, "img/s");
                        if (batch == 1) {
                            System.out.printf(Locale.ROOT, "  latency at batch 1, best: NetCanvas %.2f ms, PyTorch %.2f"
                                    + " ms%n", 1000 / max(ours), 1000 / max(torch));
                        }
                    }
                }
            }
            if (args.length > 5 && args[5].equals("profile")) {
                // Every row that ran, so a row below PyTorch's speed comes with the operations that explain it.
                for (String name : networks) {
                    profile(name, iters);
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static double max(double[] v) {
        double m = Double.NaN;
        for (double x : v) {
            m = Double.isNaN(m) || x > m ? x : m;
        }
        return m;
    }

    /** Milliseconds per forward pass by operation, for each batch size of a preset's rows. */
    private static void profile(String name, int iters) throws Exception {
        CompiledNet c = SameDiffCompiler.compile(Presets.load(name), Mode.INFER, 1);
        try (ForwardPass pass = new ForwardPass(c, List.of(CompiledNet.LOGITS))) {
            for (int batch : BATCHES) {
                int n = batch == 1 ? iters : Math.max(1, iters / 4);
                long[] s = c.inputShape().dims();
                INDArray x = Nd4j.randn(batch, s[0], s[1], s[2]);
                pass.profile(x, n); // warm-up
                Map<String, Double> ms = pass.profile(x, n);
                double total = ms.values().stream().mapToDouble(Double::doubleValue).sum();
                System.out.printf(Locale.ROOT, "%s %s b%d forward pass by operation (%d passes, %d batch norms"
                        + " folded): %.2f ms%n", name, c.inputShape(), batch, n, pass.foldedBatchNorms(), total);
                ms.entrySet().stream().limit(15).forEach(e -> System.out.printf(Locale.ROOT,
                        "  %-32s %8.3f ms %5.1f%%%n", e.getKey(), e.getValue(), 100 * e.getValue() / total));
            }
        }
    }

    /** A forward pass through the {@link ForwardPass}: the logits of a batch. */
    static Function<INDArray, INDArray> forward(ForwardPass pass) {
        return x -> pass.run(x).get(CompiledNet.LOGITS);
    }

    /** A forward pass through SameDiff's own session, as {@code bench inference} timed before the ForwardPass. */
    static Function<INDArray, INDArray> session(CompiledNet c) {
        return x -> c.sd().output(Map.of(CompiledNet.INPUT, x), CompiledNet.LOGITS).get(CompiledNet.LOGITS);
    }

    /** Images per second of a forward pass on a pre-built random batch, after a warm-up. */
    static double imagesPerSecond(Function<INDArray, INDArray> forward, Shape input, int batch, int iters,
            double warmupSeconds) {
        long[] s = input.dims();
        INDArray x = Nd4j.randn(batch, s[0], s[1], s[2]);
        long warm = System.nanoTime();
        for (int i = 0; i < 2 || System.nanoTime() - warm < warmupSeconds * 1e9; i++) {
            check(forward.apply(x));
        }
        long t = System.nanoTime();
        for (int i = 0; i < iters; i++) {
            check(forward.apply(x));
        }
        return iters * (double) batch / ((System.nanoTime() - t) / 1e9);
    }

    private static void check(INDArray logits) {
        if (Double.isNaN(logits.getDouble(0))) {
            throw new IllegalStateException("the benchmark's logits became NaN");
        }
    }
}
