package netcanvas.analysis;

import java.util.Arrays;
import java.util.Locale;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.Stage;

/**
 * Times {@link Analyzer#analyze} on ResNet-152 (torchvision layout), the largest classic network, since the canvas
 * re-analyses on every edit. Target: median under 16 ms. Prints the figures; exits non-zero if the network's
 * parameter count is not torchvision's 60,192,808 (then the timing would be of the wrong network).
 *
 * <p>Run: {@code java -cp model-engine/core/target/classes:$(cat cp.txt) netcanvas.analysis.AnalysisBenchmark
 * [warmup] [runs]}
 */
public final class AnalysisBenchmark {

    /** torchvision.models.resnet152(): sum of p.numel() over parameters(). */
    public static final long RESNET152_PARAMS = 60_192_808L;

    private AnalysisBenchmark() {
    }

    /** ResNet-152: stem, four stages of 3, 8, 36, 3 bottleneck blocks, global pool, 1000-way classifier. */
    public static Network resnet152() {
        NetBuilder b = new NetBuilder("resnet152").input(3, 224, 224)
                .then("conv1", Conv2d.of(64, 7, 2, 3, false)).then("bn1", BatchNorm.standard())
                .then("relu", new ReLU()).then("maxpool", MaxPool2d.of(3, 2, 1, false));
        int[] repeats = {3, 8, 36, 3};
        for (int i = 0; i < repeats.length; i++) {
            int width = 64 << i;
            b.then("layer" + (i + 1), new Stage(repeats[i],
                    new BottleneckBlock(width, 4 * width, i == 0 ? 1 : 2, 1, false, 0)));
        }
        return b.then("avgpool", new GlobalAvgPool()).then("fc", new Dense(1000, true)).then("out", new Output())
                .build();
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Network net = resnet152();
        Analysis a = Analyzer.analyze(net);
        if (a.hasErrors() || a.totals().trainableParams() != RESNET152_PARAMS) {
            System.err.println("ResNet-152 is not built right: " + a.totals().trainableParams() + " params, "
                    + a.diagnostics());
            System.exit(1);
        }
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += Analyzer.analyze(net).layers().size();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            sink += Analyzer.analyze(net).layers().size();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "ResNet-152: %d expanded layers, %,d params, %,d MACs%n", a.layers().size(),
                a.totals().trainableParams(), a.totals().macs());
        System.out.printf(Locale.ROOT, "Analyzer.analyze after %d warm-up runs, %d timed: median %.3f ms, "
                + "p95 %.3f ms, min %.3f ms, max %.3f ms (target: median < 16 ms)%n", warmup, runs,
                ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1], ms[0], ms[runs - 1]);
        if (sink == 42) {
            System.out.println(); // keeps the JIT from discarding the work
        }
    }
}
