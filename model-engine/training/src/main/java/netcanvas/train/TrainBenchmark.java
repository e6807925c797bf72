package netcanvas.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import netcanvas.graph.*;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Training speed against PyTorch CPU: LeNet-5 (1x32x32) and a ResNet-18-style network (CIFAR stem: 3x3 conv, no
 * max pool; two BasicBlocks per stage at widths w, 2w, 4w, 8w; 3x32x32) at batch 64 with Adam, on random data, with
 * the same thread count. Runs /usr/bin/python3 with an equivalent script in the same invocation and prints images/s
 * side by side with the ratio.
 *
 * <p>Usage: {@code TrainBenchmark [resnetWidth=16] [iterations=30] [python=/usr/bin/python3] [profile]}; with
 * {@code profile} it then prints where the ResNet's step spends its time, by operation.
 */
public final class TrainBenchmark {
    private static final int BATCH = 64;
    private static final int ROUNDS = 5;
    /**
     * Warm-up before timing, the same wall time on both sides. SameDiff's step time keeps falling for a few seconds
     * (JIT compilation of its session code, the array cache filling); five steps, as before, timed the warm-up.
     */
    private static final double WARMUP_SECONDS = 4;

    private TrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int iters = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String python = args.length > 2 ? args[2] : "/usr/bin/python3";
        int threads = Integer.parseInt(String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation()
                .getOrDefault("omp.threads", Runtime.getRuntime().availableProcessors())));
        System.out.printf(Locale.ROOT, "batch %d, Adam, %d threads (ND4J %s), %d timed iterations after %.0f s of"
                + " warm-up, best of %d alternating rounds%n",
                BATCH, threads, Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor"), iters,
                WARMUP_SECONDS, ROUNDS);
        System.out.printf(Locale.ROOT, "%-24s %14s %14s %8s%n", "network", "NetCanvas img/s", "PyTorch img/s",
                "ratio");
        row("lenet5 1x32x32", lenet5(), "lenet5", iters * 4, width, threads, python);
        row("resnet18-w" + width + " 3x32x32", resnet18(width), "resnet18", iters, width, threads, python);
        if (args.length > 3 && args[3].equals("profile")) {
            profile(resnet18(width), iters);
        }
    }

    /** Milliseconds per step by operation (forward and backward; the weight update is not included). */
    private static void profile(Network net, int iters) throws TrainingException {
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, 1);
        TrainingConfig config = new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        DataSet d = randomBatches(c, 1).get(0);
        try (TrainingStep step = new TrainingStep(c, config, List.of(CompiledNet.LOGITS), 0, 0)) {
            step.profile(d.getFeatures(), d.getLabels(), iters);
            Map<String, Double> ms = step.profile(d.getFeatures(), d.getLabels(), iters);
            double total = ms.values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf(Locale.ROOT, "%s step by operation (forward and backward, %d steps): %.1f ms%n",
                    net.name(), iters, total);
            ms.entrySet().stream().limit(15).forEach(e -> System.out.printf(Locale.ROOT, "  %-32s %7.2f ms %5.1f%%%n",
                    e.getKey(), e.getValue(), 100 * e.getValue() / total));
        }
    }

    /**
     * The best of {@link #ROUNDS} alternating rounds for each side: on a machine shared with other work, load comes
     * and goes, and alternating keeps both sides exposed to the same conditions. Each round's pair follows, with the
     * median of the rounds' ratios (a round's two runs are seconds apart, so they share most of the load).
     */
    private static void row(String label, Network net, String torchName, int iters, int width, int threads,
            String python) throws Exception {
        double[] ours = new double[ROUNDS];
        double[] torch = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            ours[round] = measure(net, iters);
            torch[round] = torch(python, torchName, iters, threads, width);
        }
        double bestOurs = Arrays.stream(ours).max().orElseThrow();
        double bestTorch = Arrays.stream(torch).filter(t -> !Double.isNaN(t)).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%-24s %14.1f %14s %8s%n", label, bestOurs,
                Double.isNaN(bestTorch) ? "n/a" : String.format(Locale.ROOT, "%.1f", bestTorch),
                Double.isNaN(bestTorch) ? "n/a" : String.format(Locale.ROOT, "%.2fx", bestOurs / bestTorch));
        StringBuilder rounds = new StringBuilder("  rounds (NetCanvas/PyTorch):");
        double[] ratios = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            rounds.append(String.format(Locale.ROOT, " %.0f/%.0f", ours[r], torch[r]));
            ratios[r] = ours[r] / torch[r];
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%s; median ratio %.2fx%n", rounds, ratios[ROUNDS / 2]);
    }

    static Network lenet5() {
        return new NetBuilder("lenet5").input(1, 32, 32)
                .then("c1", Conv2d.of(6, 5, 1, 0, true)).then("r1", new ReLU()).then("s2", MaxPool2d.of(2, 2, 0, false))
                .then("c3", Conv2d.of(16, 5, 1, 0, true)).then("r3", new ReLU()).then("s4", MaxPool2d.of(2, 2, 0, false))
                .then("f5", new Dense(120, true)).then("r5", new ReLU()).then("f6", new Dense(84, true))
                .then("r6", new ReLU()).then("f7", new Dense(10, true)).then("out", new Output()).build();
    }

    static Network resnet18(int w) {
        NetBuilder b = new NetBuilder("resnet18-cifar").input(3, 32, 32)
                .then("conv1", Conv2d.of(w, 3, 1, 1, false)).then("bn1", BatchNorm.standard()).then("relu", new ReLU());
        for (int i = 0; i < 4; i++) {
            b.then("layer" + (i + 1), new Stage(2, new BasicBlock(w << i, i == 0 ? 1 : 2, false, 0)));
        }
        return b.then("pool", new GlobalAvgPool()).then("fc", new Dense(10, true)).then("out", new Output()).build();
    }

    /** Images per second of the trainer's step ({@link TrainingStep}) on pre-built random batches. */
    static double measure(Network net, int iters) throws TrainingException {
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, 1);
        TrainingConfig config = new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        List<DataSet> batches = randomBatches(c, 4);
        // Watch what the trainer watches (logits, batch statistics) and read them back as it does.
        List<String> watched = new ArrayList<>(List.of(CompiledNet.LOGITS));
        for (BatchNormState bn : c.batchNorms()) {
            watched.add(bn.batchMean());
            watched.add(bn.batchVar());
        }
        try (TrainingStep step = new TrainingStep(c, config, watched, 0, 0)) {
            long warm = System.nanoTime();
            for (int i = 0; i < 5 || System.nanoTime() - warm < WARMUP_SECONDS * 1e9; i++) {
                run(step, batches.get(i % 4), watched);
            }
            long t = System.nanoTime();
            for (int i = 0; i < iters; i++) {
                run(step, batches.get(i % 4), watched);
            }
            double secs = (System.nanoTime() - t) / 1e9;
            return iters * (double) BATCH / secs;
        }
    }

    /** Batches of random images with labels that cycle through the classes. */
    private static List<DataSet> randomBatches(CompiledNet c, int count) {
        long[] s = c.inputShape().dims();
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            INDArray x = Nd4j.randn(BATCH, s[0], s[1], s[2]);
            INDArray y = Nd4j.zeros(BATCH, c.classes());
            for (int k = 0; k < BATCH; k++) {
                y.putScalar(k, (k * 7 + i) % c.classes(), 1);
            }
            batches.add(new DataSet(x, y));
        }
        return batches;
    }

    private static void run(TrainingStep step, DataSet d, List<String> watched) {
        step.run(d.getFeatures(), d.getLabels());
        double sink = 0;
        for (String w : watched) {
            sink += step.activation(w).getDouble(0);
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("the benchmark's loss became NaN");
        }
    }

    /** PyTorch's images per second for the same network, or NaN when python3 with torch is unavailable. */
    static double torch(String python, String net, int iters, int threads, int width) throws IOException,
            InterruptedException {
        Path script = Files.createTempFile("netcanvas-bench", ".py");
        try (InputStream in = TrainBenchmark.class.getResourceAsStream("bench_torch.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process p;
            try {
                p = new ProcessBuilder(python, script.toString(), net, Integer.toString(BATCH), Double.toString(WARMUP_SECONDS),
                        Integer.toString(iters), Integer.toString(threads), Integer.toString(width))
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                System.out.println("cannot run " + python + ": " + e.getMessage());
                return Double.NaN;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                if (line.startsWith("IMAGES_PER_SECOND ")) {
                    return Double.parseDouble(line.substring(18).trim());
                }
            }
            System.out.println("PyTorch run failed: " + out.strip());
            return Double.NaN;
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
