package netcanvas.train;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.MachineSpeed;
import netcanvas.analysis.Optimizer;
import netcanvas.analysis.TimeEstimate;
import netcanvas.graph.Network;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The training-time estimate ({@link netcanvas.analysis.TimeEstimate}) against measured training steps: the
 * machine is calibrated first ({@link SpeedCalibration}, measured afresh, not read from the cache), then each network
 * trains with Adam on a random batch and its median step time is compared with the estimate (target: within 30 %).
 * Timings on a machine shared with other work say little; run it on a quiet machine.
 */
public final class TimeBenchmark {
    private TimeBenchmark() {
    }

    /** LeNet-5, ResNet-20, the VGG-style network and a ResNet-18 of width 16 at CIFAR size. */
    static List<Network> networks() throws Exception {
        return List.of(BenchmarkNets.named("lenet5"), BenchmarkNets.named("resnet20"), BenchmarkNets.vggCifar(),
                TrainBenchmark.resnet18(16));
    }

    public static void run(int batch, int steps, double calibrationSeconds, PrintWriter out) throws Exception {
        MachineSpeed speed = SpeedCalibration.measure(calibrationSeconds);
        out.printf(Locale.ROOT, "calibration: %s; batch %d, Adam, median of %d steps after %.0f s of warm-up%n", speed,
                batch, steps, WARMUP_SECONDS);
        out.printf(Locale.ROOT, "%-16s %7s %14s %14s %14s %7s%n", "network", "calls", "calls ms", "estimate ms",
                "measured ms", "ratio");
        out.flush();
        double worst = 0;
        for (Network net : networks()) {
            Analysis a = Analyzer.analyze(net);
            TimeEstimate e = a.timePerLayer(batch, Optimizer.ADAM, speed);
            double estimate = e.stepSeconds();
            double callsMs = e.calls() * speed.microsecondsPerCall() / 1e3;
            double measured = medianStep(net, batch, steps);
            double ratio = estimate / measured;
            worst = Math.max(worst, Math.abs(ratio - 1));
            out.printf(Locale.ROOT, "%-16s %7d %14.1f %14.1f %14.1f %7.2f%n", net.name(), e.calls(), callsMs,
                    estimate * 1e3, measured * 1e3, ratio);
            out.flush();
        }
        out.printf(Locale.ROOT, "largest difference %.0f %% (target: within 30 %%)%n", 100 * worst);
        out.flush();
    }

    /**
     * Warm-up before timing: a step's time keeps falling for a few seconds (JIT compilation, caches filling), as
     * {@link TrainBenchmark} found.
     */
    private static final double WARMUP_SECONDS = 3;

    /** The median wall time of a training step, after the warm-up (the first step also plans the arrays). */
    static double medianStep(Network net, int batch, int steps) throws TrainingException {
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, 1);
        TrainingConfig config = new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        long[] s = c.inputShape().dims();
        INDArray x = Nd4j.randn(batch, s[0], s[1], s[2]);
        INDArray y = Nd4j.zeros(batch, c.classes());
        for (int k = 0; k < batch; k++) {
            y.putScalar(k, k % c.classes(), 1);
        }
        try (TrainingStep step = new TrainingStep(c, config, List.of(CompiledNet.LOGITS), 0, 0)) {
            long warm = System.nanoTime();
            for (int i = 0; i < 3 || System.nanoTime() - warm < WARMUP_SECONDS * 1e9; i++) {
                step.run(x, y);
            }
            double[] t = new double[steps];
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                step.run(x, y);
                t[i] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(t);
            return t[steps / 2];
        }
    }

    /** {@code TimeBenchmark [batch=64] [steps=10] [calibration seconds=1.5]}. */
    public static void main(String[] args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        run(a.size() > 0 ? Integer.parseInt(a.get(0)) : 64, a.size() > 1 ? Integer.parseInt(a.get(1)) : 10,
                a.size() > 2 ? Double.parseDouble(a.get(2)) : 1.5, new PrintWriter(System.out, true));
    }
}
