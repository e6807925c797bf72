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
                long t0 = BenchClock.nanos();
                step.run(x, y);
                t[i] = (BenchClock.nanos() - t0) / 1e9;
            }
            Arrays.sort(t);
            return t[steps / 2];
        }
    }

    /**
     * {@link #byLayer} for each network named ({@code resnet18-cifar}, or a name {@link BenchmarkNets#named} knows),
     * after one fresh calibration.
     */
    public static void layers(List<String> names, int batch, int steps, double calibrationSeconds, PrintWriter out)
            throws Exception {
        MachineSpeed speed = SpeedCalibration.measure(calibrationSeconds);
        for (String n : names) {
            byLayer(n.equals("resnet18-cifar") ? TrainBenchmark.resnet18(16) : BenchmarkNets.named(n), batch, steps,
                    speed, out);
        }
    }

    /**
     * One network's estimate layer by layer beside the measured time of the operations of each layer (the training
     * step's profile, forward and backward without the weight update, which is printed on its own with the rest of the
     * measured step: the batch's copies and the update). An operation belongs to the layer whose output gradient it
     * reads, else whose value it writes ({@link #layerOf}); what matches no layer is "(other)", by operation. With
     * {@code -Dnetcanvas.opsByLayer=true} it first prints the time by layer and operation.
     */
    public static void byLayer(Network net, int batch, int steps, MachineSpeed speed, PrintWriter out)
            throws Exception {
        Analysis a = Analyzer.analyze(net);
        TimeEstimate e = a.timePerLayer(batch, Optimizer.ADAM, speed);
        java.util.Set<String> ids = new java.util.HashSet<>();
        a.layers().forEach(l -> ids.add(l.id()));
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, 1);
        TrainingConfig config = new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        INDArray[] xy = randomBatch(c, batch);
        java.util.Map<String, Double> ms;
        double step;
        try (TrainingStep s = new TrainingStep(c, config, List.of(CompiledNet.LOGITS), 0, 0)) {
            long warm = System.nanoTime();
            while (System.nanoTime() - warm < WARMUP_SECONDS * 1e9) {
                s.run(xy[0], xy[1]);
            }
            ms = s.profile(xy[0], xy[1], steps, op -> layerOf(op, ids));
            if (Boolean.getBoolean("netcanvas.opsByLayer")) {
                s.profile(xy[0], xy[1], steps, op -> layerOf(op, ids) + " " + op.getOp().opName())
                        .forEach((k, v) -> out.printf(Locale.ROOT, "  %-40s %8.3f%n", k, v));
            }
            double[] t = new double[steps];
            for (int i = 0; i < steps; i++) {
                long t0 = BenchClock.nanos();
                s.run(xy[0], xy[1]);
                t[i] = (BenchClock.nanos() - t0) / 1e9;
            }
            Arrays.sort(t);
            step = t[steps / 2] * 1e3;
        }
        out.printf(Locale.ROOT, "%s by layer, batch %d (%s)%n", net.name(), batch, speed);
        out.printf(Locale.ROOT, "%-24s %6s %12s %12s %12s %7s%n", "layer", "calls", "calls ms", "estimate ms",
                "measured ms", "ratio");
        double profiled = 0;
        for (var l : e.layers()) {
            double m = ms.getOrDefault(l.id(), 0.0);
            profiled += m;
            out.printf(Locale.ROOT, "%-24s %6d %12.3f %12.3f %12.3f %7.2f%n", l.id(), l.calls(),
                    l.calls() * speed.microsecondsPerCall() / 1e3, l.seconds() * 1e3, m, l.seconds() * 1e3 / m);
        }
        double other = 0;
        for (var o : ms.entrySet()) {
            if (o.getKey().startsWith("(other)")) {
                other += o.getValue();
                out.printf(Locale.ROOT, "%-40s %12.3f%n", o.getKey(), o.getValue());
            }
        }
        out.printf(Locale.ROOT, "%-24s %6d %12.3f %12.3f %12.3f  (median step minus the profiled operations)%n",
                "update and copies", e.update().calls(), e.update().calls() * speed.microsecondsPerCall() / 1e3,
                e.update().seconds() * 1e3, step - profiled - other);
        out.printf(Locale.ROOT, "%-24s %6d %12.3f %12.3f %12.3f %7.2f%n", "step", e.calls(),
                e.calls() * speed.microsecondsPerCall() / 1e3, e.stepSeconds() * 1e3, step,
                e.stepSeconds() * 1e3 / step);
        out.flush();
    }

    /**
     * The layer an operation of the gradient graph belongs to, as near as its variables' names tell: the layer whose
     * output gradient ({@code ID-grad}) it reads (its backward pass), else the layer whose value it writes
     * ({@code ID}), else one whose own variables ({@code ID/...}: weights, intermediate values) it reads or writes
     * (a dense layer's product), else a layer whose value it reads (ReLU's gradient mask, counted with the layer
     * before it).
     */
    static String layerOf(org.nd4j.autodiff.samediff.internal.SameDiffOp op, java.util.Set<String> ids) {
        List<String> in = op.getInputsToOp() == null ? List.of() : op.getInputsToOp();
        List<String> outs = op.getOutputsOfOp() == null ? List.of() : op.getOutputsOfOp();
        for (String n : in) {
            if (n.endsWith("-grad") && ids.contains(n.substring(0, n.length() - 5))) {
                return n.substring(0, n.length() - 5);
            }
        }
        for (String n : outs) {
            if (ids.contains(n)) {
                return n;
            }
        }
        List<String> all = new ArrayList<>(outs);
        all.addAll(in);
        for (boolean own : new boolean[] {true, false}) {
            for (String n : all) {
                String base = n.contains("-grad") ? n.substring(0, n.indexOf("-grad")) : n;
                String best = null;
                for (String id : ids) {
                    boolean match = own ? base.startsWith(id + "/") : base.equals(id);
                    if (match && (best == null || id.length() > best.length())) {
                        best = id;
                    }
                }
                if (best != null) {
                    return best;
                }
            }
        }
        return "(other) " + op.getOp().opName();
    }

    private static INDArray[] randomBatch(CompiledNet c, int batch) {
        long[] s = c.inputShape().dims();
        INDArray x = Nd4j.randn(batch, s[0], s[1], s[2]);
        INDArray y = Nd4j.zeros(batch, c.classes());
        for (int k = 0; k < batch; k++) {
            y.putScalar(k, k % c.classes(), 1);
        }
        return new INDArray[] {x, y};
    }

    /** {@code TimeBenchmark [batch=64] [steps=10] [calibration seconds=1.5] [layers NETWORK...]}: with
     * {@code layers}, each named network ({@link BenchmarkNets#named}) layer by layer instead. */
    public static void main(String[] args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        if (a.size() > 3 && a.get(3).equals("layers")) {
            layers(a.subList(4, a.size()), Integer.parseInt(a.get(0)), Integer.parseInt(a.get(1)),
                    Double.parseDouble(a.get(2)), new PrintWriter(System.out, true));
            return;
        }
        run(a.size() > 0 ? Integer.parseInt(a.get(0)) : 64, a.size() > 1 ? Integer.parseInt(a.get(1)) : 10,
                a.size() > 2 ? Double.parseDouble(a.get(2)) : 1.5, new PrintWriter(System.out, true));
    }
}
