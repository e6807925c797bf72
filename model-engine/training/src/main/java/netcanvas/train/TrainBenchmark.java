package netcanvas.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Training speed against PyTorch CPU, at batch 64 with Adam, on random data, with the same thread count: LeNet-5
 * (1x32x32), a ResNet-18-style network (CIFAR stem: 3x3 conv, no max pool; two BasicBlocks per stage at widths w, 2w,
 * 4w, 8w; 3x32x32), a ResNeXt-style network (bottleneck blocks with 32-group 3x3 convolutions), a MobileNetV2-style
 * network and a SqueezeNet-style network (all 3x32x32, 10 classes). Runs /usr/bin/python3 in the same invocation and
 * prints images/s side by side with the ratio: the first two against networks written out in bench_torch.py, the
 * others against NetCanvas's own PyTorch export of the same network.
 *
 * <p>Usage: {@code TrainBenchmark [resnetWidth=16] [iterations=30] [python=/usr/bin/python3] [profile|-]
 * [rounds=5] [warmupSeconds=4] [networks=all]}; with {@code profile} it then prints where each row's step spends
 * its time, by operation; networks is a comma-separated subset of {@link #NETWORKS}.
 */
public final class TrainBenchmark {
    /** The rows, in the order they run. */
    public static final List<String> NETWORKS = List.of("lenet5", "resnet18", "resnext", "mobilenet_v2",
            "squeezenet");
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
        NativeSetup.now();
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int iters = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String python = args.length > 2 ? args[2] : "/usr/bin/python3";
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : ROUNDS;
        double warmup = args.length > 5 ? Double.parseDouble(args[5]) : WARMUP_SECONDS;
        List<String> networks = args.length > 6 && !args[6].equals("all") ? List.of(args[6].split(",")) : NETWORKS;
        int threads = threads();
        System.out.printf(Locale.ROOT, "batch %d, Adam, %d threads (ND4J %s), %d timed iterations after %.0f s of"
                + " warm-up, best of %d alternating rounds%n",
                BATCH, threads, Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor"), iters,
                warmup, rounds);
        System.out.println(NativeLibraries.describe());
        System.out.printf(Locale.ROOT, "%-30s %14s %14s %8s%n", "network", "NetCanvas img/s", "PyTorch img/s",
                "ratio");
        Bench b = new Bench(python, threads, width, rounds, warmup);
        if (networks.contains("lenet5")) {
            b.row("lenet5 1x32x32", lenet5(), "lenet5", iters * 4);
        }
        if (networks.contains("resnet18")) {
            b.row("resnet18-w" + width + " 3x32x32", resnet18(width), "resnet18", iters);
        }
        Path dir = Files.createTempDirectory("netcanvas-bench");
        try {
            Map<String, Network> exported = new java.util.LinkedHashMap<>();
            exported.put("resnext", resnext());
            exported.put("mobilenet_v2", mobilenetV2());
            exported.put("squeezenet", squeezenet());
            for (Map.Entry<String, Network> e : exported.entrySet()) {
                if (networks.contains(e.getKey())) {
                    b.row(e.getValue().name() + " 3x32x32", e.getValue(), TorchPeer.export(e.getValue(), dir), iters);
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
        if (args.length > 3 && args[3].equals("profile")) {
            // Every row that ran, so a row below PyTorch's speed comes with the operations that explain it.
            Map<String, java.util.function.Supplier<Network>> nets = Map.of("lenet5", TrainBenchmark::lenet5,
                    "resnet18", () -> resnet18(width), "resnext", TrainBenchmark::resnext,
                    "mobilenet_v2", TrainBenchmark::mobilenetV2, "squeezenet", TrainBenchmark::squeezenet);
            for (String n : networks) {
                profile(nets.get(n).get(), n.equals("lenet5") ? iters * 4 : iters);
            }
        }
    }

    /** ND4J's OpenMP thread count, which PyTorch is given too. */
    static int threads() {
        return Integer.parseInt(String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation()
                .getOrDefault("omp.threads", Runtime.getRuntime().availableProcessors())));
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
     * Alternating rounds for each row: on a machine shared with other work, load comes and goes, and alternating
     * keeps both sides exposed to the same conditions.
     */
    private record Bench(String python, int threads, int width, int rounds, double warmup) {
        void row(String label, Network net, String torchNet, int iters) throws Exception {
            double[] ours = new double[rounds];
            double[] torch = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ours[round] = measure(net, iters, warmup);
                torch[round] = TorchPeer.imagesPerSecond(python, torchNet, BATCH, warmup, iters, threads, width,
                        false);
            }
            TorchPeer.printRow(label, ours, torch, "img/s");
        }
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

    /**
     * ResNeXt-style (Xie et al.'s CIFAR design, narrowed to fit a shared machine's memory at batch 64): a 3x3 stem to
     * 64, then two bottleneck blocks per stage with 32-group 3x3 convolutions (32 x 2d: inner widths 64, 128, 256;
     * outputs 128, 256, 512), the later stages strided, global pooling and 10 classes.
     */
    static Network resnext() {
        NetBuilder b = new NetBuilder("resnext-32x2d").input(3, 32, 32)
                .then("conv1", Conv2d.of(64, 3, 1, 1, false)).then("bn1", BatchNorm.standard())
                .then("relu", new ReLU());
        for (int i = 0; i < 3; i++) {
            b.then("layer" + (i + 1), new Stage(2, new BottleneckBlock(64 << i, 128 << i, i == 0 ? 1 : 2, 32, false,
                    0)));
        }
        return b.then("pool", new GlobalAvgPool()).then("flatten", new Flatten()).then("fc", new Dense(10, true))
                .then("out", new Output()).build();
    }

    /**
     * MobileNetV2 for 32x32 images (the usual CIFAR adaptation): torchvision's inverted residual settings with the
     * stem and the second group unstrided, a 1x1 convolution to 1280, global pooling and 10 classes.
     */
    static Network mobilenetV2() {
        int[][] setting = {{1, 16, 1, 1}, {6, 24, 2, 1}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
                {6, 320, 1, 1}};
        NetBuilder b = new NetBuilder("mobilenet_v2-cifar").input(3, 32, 32)
                .then("conv1", Conv2d.of(32, 3, 1, 1, false)).then("bn1", BatchNorm.standard())
                .then("relu1", new ReLU6());
        for (int i = 0; i < setting.length; i++) {
            int[] s = setting[i];
            InvertedResidual block = InvertedResidual.mobileNetV2(s[0], s[1], s[3]);
            b.then("block" + (i + 1), s[2] == 1 ? block : new Stage(s[2], block));
        }
        return b.then("conv_last", Conv2d.of(1280, 1, 1, 0, false)).then("bn_last", BatchNorm.standard())
                .then("relu_last", new ReLU6()).then("pool", new GlobalAvgPool()).then("flatten", new Flatten())
                .then("fc", new Dense(10, true)).then("out", new Output()).build();
    }

    /**
     * SqueezeNet 1.1 for 32x32 images: a 3x3 stem to 64 (unstrided), torchvision's eight Fire modules between three
     * ceil-mode 3x3/2 max pools, a 1x1 convolution to 10 classes with ReLU and global average pooling (no dropout, so
     * both sides run the same arithmetic).
     */
    static Network squeezenet() {
        return new NetBuilder("squeezenet1_1-cifar").input(3, 32, 32)
                .then("conv1", Conv2d.of(64, 3, 1, 1, true)).then("relu1", new ReLU())
                .then("pool1", MaxPool2d.of(3, 2, 0, true))
                .then("fire2", new FireModule(16, 64, 64)).then("fire3", new FireModule(16, 64, 64))
                .then("pool3", MaxPool2d.of(3, 2, 0, true))
                .then("fire4", new FireModule(32, 128, 128)).then("fire5", new FireModule(32, 128, 128))
                .then("pool5", MaxPool2d.of(3, 2, 0, true))
                .then("fire6", new FireModule(48, 192, 192)).then("fire7", new FireModule(48, 192, 192))
                .then("fire8", new FireModule(64, 256, 256)).then("fire9", new FireModule(64, 256, 256))
                .then("conv10", Conv2d.of(10, 1, 1, 0, true)).then("relu10", new ReLU())
                .then("pool", new GlobalAvgPool()).then("flatten", new Flatten()).then("out", new Output()).build();
    }

    /** Images per second of the trainer's step ({@link TrainingStep}) on pre-built random batches. */
    static double measure(Network net, int iters, double warmupSeconds) throws TrainingException {
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
            for (int i = 0; i < 5 || System.nanoTime() - warm < warmupSeconds * 1e9; i++) {
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
    static List<DataSet> randomBatches(CompiledNet c, int count) {
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
}
