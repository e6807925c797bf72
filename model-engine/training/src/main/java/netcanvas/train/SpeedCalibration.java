package netcanvas.train;

import java.util.List;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.MachineSpeed;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Measures this machine's speed for training-time estimates, in a few seconds: convolution throughput as NetCanvas's
 * own training step runs it (forward and backward of two 3x3 convolutions, 32 to 64 to 64 channels on 32x32 maps,
 * batch 16), memory bandwidth as a copy of a 64 MB array, and the fixed time of one native call as the step makes
 * it ({@link BoundOp}): an addition and a matrix product of 4 x 4 arrays, whose arithmetic takes nothing.
 */
public final class SpeedCalibration {
    private static final int BATCH = 16;
    private static final long COPY_VALUES = 16L << 20;

    private SpeedCalibration() {
    }

    /** Runs both measurements, each for about {@code seconds} after a short warm-up. */
    public static MachineSpeed measure(double seconds) throws TrainingException {
        return new MachineSpeed(convolutionGflops(seconds), copyGigabytesPerSecond(seconds),
                callMicroseconds(seconds / 2), floatsPerVector());
    }

    /**
     * The processor's vector width in floats, as oneDNN's convolution kernels use it (they pick the widest the
     * processor has at run time): 16 with AVX-512, 8 with AVX or AVX2, 4 otherwise (SSE, NEON); read from
     * /proc/cpuinfo's flags, 4 where there is none.
     */
    static int floatsPerVector() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    List<String> flags = List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                    return flags.contains("avx512f") ? 16 : flags.contains("avx") || flags.contains("avx2") ? 8 : 4;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no /proc/cpuinfo (macOS, Windows): the narrowest common width
        }
        return 4;
    }

    static Network convolutions() {
        return new NetBuilder("calibration").input(32, 32, 32).then("conv1", Conv2d.of(64, 3, 1, 1, false))
                .then("conv2", Conv2d.of(64, 3, 1, 1, false)).then("pool", new GlobalAvgPool())
                .then("fc", new Dense(10, true)).then("out", new Output()).build();
    }

    /** Floating-point operations per second of training steps on {@link #convolutions}, counted as 3 x 2 x MACs. */
    static double convolutionGflops(double seconds) throws TrainingException {
        Network net = convolutions();
        double flops = 3.0 * 2 * Analyzer.analyze(net).totals().macs() * BATCH;
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, 1);
        TrainingConfig config = new TrainingConfig.Builder().updater(new Sgd(1e-3))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, 32, 32, 32);
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % 10, 1);
        }
        try (TrainingStep step = new TrainingStep(c, config, List.of(), 0, 0)) {
            return flops / secondsPerRun(() -> step.run(x, y), seconds) / 1e9;
        }
    }

    /** Bytes read plus written per second by a copy between two 64 MB arrays. */
    static double copyGigabytesPerSecond(double seconds) {
        INDArray from = Nd4j.rand(DataType.FLOAT, COPY_VALUES);
        INDArray to = Nd4j.create(DataType.FLOAT, COPY_VALUES);
        try {
            return 2.0 * 4 * COPY_VALUES / secondsPerRun(() -> to.assign(from), seconds) / 1e9;
        } finally {
            from.close();
            to.close();
        }
    }

    /** Calls timed together per run: one call is too short for the clock. */
    private static final int CALLS_PER_RUN = 200;

    /**
     * The time of one native call through the training step's path on arrays too small for their arithmetic or
     * traffic to count: the mean of an element-wise addition and a matrix product, each of 4 x 4 values.
     */
    static double callMicroseconds(double seconds) {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4, 4);
        INDArray sum = Nd4j.create(DataType.FLOAT, 4, 4);
        INDArray product = Nd4j.create(DataType.FLOAT, 4, 4);
        try (BoundOp add = BoundOp.of(DynamicCustomOp.builder("add").addInputs(a, b).addOutputs(sum).build());
                BoundOp mmul = BoundOp.of(DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(product)
                        .build())) {
            double addCall = secondsPerRun(() -> repeat(add), seconds / 2) / CALLS_PER_RUN;
            double mmulCall = secondsPerRun(() -> repeat(mmul), seconds / 2) / CALLS_PER_RUN;
            return (addCall + mmulCall) / 2 * 1e6;
        }
    }

    private static void repeat(Runnable call) {
        for (int i = 0; i < CALLS_PER_RUN; i++) {
            call.run();
        }
    }

    /**
     * The fastest of the runs in about {@code seconds} (after a fifth of it as warm-up): on a shared machine the
     * fastest run is the one least disturbed, and an estimate is meant for the machine itself.
     */
    static double secondsPerRun(Runnable r, double seconds) {
        long warm = System.nanoTime();
        do {
            r.run();
        } while (System.nanoTime() - warm < seconds * 0.2e9);
        double best = Double.POSITIVE_INFINITY;
        long start = System.nanoTime();
        int runs = 0;
        while (runs < 3 || System.nanoTime() - start < seconds * 1e9) {
            long t = BenchClock.nanos();
            r.run();
            best = Math.min(best, (BenchClock.nanos() - t) / 1e9);
            runs++;
        }
        return best;
    }
}
