package netcanvas.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import netcanvas.graph.Network;
import netcanvas.presets.Presets;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libnd4j's {@code conv2d} (and {@code conv2d_bp}) against {@link PointwiseConvolution}'s products, on every pointwise
 * convolution shape of a network, in alternating rounds in one process (load on a shared machine comes and goes;
 * alternating exposes both to the same conditions). For the decision in docs/decisions, not a user command.
 *
 * <p>Usage: {@code java -cp netcanvas.jar netcanvas.train.PointwiseConvolutions [infer|train|step]
 * [networks] [batch] [rounds=5] [iterations=10]}: {@code infer} measures the forward call of the presets named
 * (default resnet50,mobilenet_v2), {@code train} the forward call and the gradient of {@code bench training}'s
 * networks (resnet18, resnext, mobilenet_v2, squeezenet), {@code step} their whole training step (batch 64) with the
 * products against the same step with libnd4j's conv2d and conv2d_bp.
 */
final class PointwiseConvolutions {
    private static final long[] CONV_ARGS = {1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0};

    private PointwiseConvolutions() {
    }

    /** A pointwise convolution's shape at batch 1, and how many of the network's convolutions have it. */
    record Layer(long h, long w, long in, long out, boolean bias) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%dx%d %d->%d%s", h, w, in, out, bias ? " +b" : "");
        }
    }

    public static void main(String[] args) throws Exception {
        NativeSetup.now();
        if (args.length > 0 && args[0].equals("step")) {
            steps(args.length > 1 ? args[1] : "resnext,mobilenet_v2,squeezenet",
                    args.length > 3 ? Integer.parseInt(args[3]) : 5, args.length > 4 ? Integer.parseInt(args[4]) : 5);
            return;
        }
        boolean train = args.length > 0 && args[0].equals("train");
        String nets = args.length > 1 ? args[1] : train ? "resnet18,resnext,mobilenet_v2,squeezenet"
                : "resnet50,mobilenet_v2";
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : train ? 64 : 1;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int iters = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        System.out.println(NativeLibraries.describe());
        System.out.printf(Locale.ROOT, "%s, batch %d, %d rounds of %d calls, median ms per call%n",
                train ? "forward + gradient" : "forward", batch, rounds, iters);
        for (String name : nets.split(",")) {
            Network net = train ? trainingNet(name) : Presets.load(name);
            // In inference a batch norm after the convolution is folded into it as a bias.
            Map<Layer, Integer> layers = layers(SameDiffCompiler.compile(net, train ? Mode.TRAIN : Mode.INFER, 1),
                    !train);
            double convTotal = 0;
            double productTotal = 0;
            double afterTotal = 0;
            for (var e : layers.entrySet()) {
                double[] ms = measure(e.getKey(), batch, train, rounds, iters);
                convTotal += ms[0] * e.getValue();
                productTotal += ms[1] * e.getValue();
                afterTotal += ms[2] * e.getValue();
                System.out.printf(Locale.ROOT, "%-14s %-24s x%-2d conv2d %8.3f  product %8.3f (%5.2fx)  bias after"
                        + " %8.3f (%5.2fx)%n", name, e.getKey(), e.getValue(), ms[0], ms[1], ms[0] / ms[1], ms[2],
                        ms[0] / ms[2]);
            }
            System.out.printf(Locale.ROOT, "%-14s all pointwise: conv2d %.2f ms, product %.2f ms (%.2fx), bias after"
                    + " %.2f ms (%.2fx)%n", name, convTotal, productTotal, convTotal / productTotal, afterTotal,
                    convTotal / afterTotal);
        }
    }

    /** Whole training steps, images per second, the products' step against conv2d's in alternating rounds. */
    private static void steps(String nets, int rounds, int iters) throws Exception {
        Kernels convolutions = (op, in, out, unread, work) -> {
            if (op.getOp() instanceof Conv2D) {
                return null;
            }
            if (op.getOp() instanceof org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2DDerivative d) {
                return unread ? ConvWeightGradient.kernel(d.iArgs(), in, out, work) : null;
            }
            return Kernels.STANDARD.kernel(op, in, out, unread, work);
        };
        for (String name : nets.split(",")) {
            Network net = trainingNet(name);
            org.nd4j.autodiff.samediff.TrainingConfig config = new org.nd4j.autodiff.samediff.TrainingConfig.Builder()
                    .updater(new org.nd4j.linalg.learning.config.Adam(1e-3)).dataSetFeatureMapping(CompiledNet.INPUT)
                    .dataSetLabelMapping(CompiledNet.LABEL).build();
            CompiledNet products = SameDiffCompiler.compile(net, Mode.TRAIN, 1);
            CompiledNet plain = SameDiffCompiler.compile(net, Mode.TRAIN, 1);
            var batches = TrainBenchmark.randomBatches(products, 2);
            try (TrainingStep a = new TrainingStep(plain, config, List.of(CompiledNet.LOGITS), 0, 0, convolutions);
                    TrainingStep b = new TrainingStep(products, config, List.of(CompiledNet.LOGITS), 0, 0)) {
                TrainingStep[] paths = {a, b};
                List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>());
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < 2; k++) {
                        int p = (r + k) % 2;
                        paths[p].run(batches.get(0).getFeatures(), batches.get(0).getLabels());
                        long t = System.nanoTime();
                        for (int i = 0; i < iters; i++) {
                            var d = batches.get(i % 2);
                            paths[p].run(d.getFeatures(), d.getLabels());
                        }
                        rates.get(p).add(iters * (double) batches.get(0).getFeatures().size(0)
                                / ((System.nanoTime() - t) / 1e9));
                    }
                    System.out.printf(Locale.ROOT, "%s round %d img/s: conv2d %.1f products %.1f%n", name, r + 1,
                            rates.get(0).get(r), rates.get(1).get(r));
                }
                System.out.printf(Locale.ROOT, "%s step img/s, median: conv2d %.1f, products %.1f (%.2fx)%n", name,
                        median(rates.get(0)), median(rates.get(1)), median(rates.get(1)) / median(rates.get(0)));
                // The profile separates the pointwise convolutions' own time from the rest of the step's noise.
                java.util.function.Function<SameDiffOp, String> key = op -> {
                    boolean pointwise = (op.getOp() instanceof Conv2D c && PointwiseConvolution.pointwise(c.iArgs()))
                            || (op.getOp() instanceof org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2DDerivative
                                    d && PointwiseConvolution.pointwise(d.iArgs()));
                    return pointwise ? "1x1" : "other";
                };
                List<List<Double>> pointwiseMs = List.of(new ArrayList<>(), new ArrayList<>());
                List<List<Double>> otherMs = List.of(new ArrayList<>(), new ArrayList<>());
                var d = batches.get(0);
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < 2; k++) {
                        int p = (r + k) % 2;
                        Map<String, Double> ms = paths[p].profile(d.getFeatures(), d.getLabels(), iters, key);
                        pointwiseMs.get(p).add(ms.getOrDefault("1x1", 0.0));
                        otherMs.get(p).add(ms.getOrDefault("other", 0.0));
                    }
                }
                System.out.printf(Locale.ROOT, "%s step profile, median ms: pointwise convolutions conv2d %.1f,"
                        + " products %.1f (%.2fx); the rest of the step %.1f and %.1f%n", name,
                        median(pointwiseMs.get(0)), median(pointwiseMs.get(1)),
                        median(pointwiseMs.get(0)) / median(pointwiseMs.get(1)), median(otherMs.get(0)),
                        median(otherMs.get(1)));
            }
        }
    }

    private static Network trainingNet(String name) throws Exception {
        return switch (name) {
            case "resnet18" -> TrainBenchmark.resnet18(16);
            case "resnext" -> TrainBenchmark.resnext();
            case "mobilenet_v2" -> TrainBenchmark.mobilenetV2();
            case "squeezenet" -> TrainBenchmark.squeezenet();
            default -> BenchmarkNets.named(name);
        };
    }

    /** The network's pointwise convolutions by shape at batch 1. */
    static Map<Layer, Integer> layers(CompiledNet c, boolean bias) {
        SameDiff sd = c.sd();
        List<SameDiffOp> convs = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (SameDiffOp op : sd.getOps().values()) {
            if (op.getOp() instanceof Conv2D conv && PointwiseConvolution.pointwise(conv.iArgs())) {
                convs.add(op);
                inputs.add(op.getInputsToOp().get(0));
            }
        }
        if (convs.isEmpty()) {
            return Map.of();
        }
        long[] s = c.inputShape().dims();
        Map<String, INDArray> values = sd.output(Map.of(CompiledNet.INPUT, Nd4j.zeros(DataType.FLOAT, 1, s[0], s[1],
                s[2])), inputs);
        Map<Layer, Integer> layers = new LinkedHashMap<>();
        for (SameDiffOp op : convs) {
            long[] x = values.get(op.getInputsToOp().get(0)).shape();
            long out = sd.getVariable(op.getInputsToOp().get(1)).getShape()[3];
            layers.merge(new Layer(x[1], x[2], x[3], out, bias || op.getInputsToOp().size() == 3), 1, Integer::sum);
        }
        return layers;
    }

    /** Median milliseconds per call of conv2d's path and the products' path, in alternating rounds. */
    private static double[] measure(Layer l, int batch, boolean train, int rounds, int iters) {
        Map<String, INDArray> a = new HashMap<>();
        long[] xs = {batch, l.h(), l.w(), l.in()};
        long[] ys = {batch, l.h(), l.w(), l.out()};
        a.put("x", Nd4j.rand(DataType.FLOAT, xs));
        a.put("w", Nd4j.rand(DataType.FLOAT, 1, 1, l.in(), l.out()));
        a.put("b", Nd4j.rand(DataType.FLOAT, l.out()));
        a.put("g", Nd4j.rand(DataType.FLOAT, ys));
        try (KernelArrays work = new KernelArrays(DataType.FLOAT)) {
            Runnable[] paths = new Runnable[3];
            INDArray[] ys2 = new INDArray[3];
            for (int p = 0; p < 3; p++) {
                INDArray y = Nd4j.create(DataType.FLOAT, ys);
                INDArray dx = Nd4j.create(DataType.FLOAT, xs);
                INDArray dw = Nd4j.create(DataType.FLOAT, 1, 1, l.in(), l.out());
                INDArray db = Nd4j.create(DataType.FLOAT, l.out());
                List<INDArray> in = new ArrayList<>(List.of(a.get("x"), a.get("w")));
                List<INDArray> gradIn = new ArrayList<>(in);
                List<INDArray> gradOut = new ArrayList<>(List.of(dx, dw));
                if (l.bias()) {
                    in.add(a.get("b"));
                    gradIn.add(a.get("b"));
                    gradOut.add(db);
                }
                gradIn.add(a.get("g"));
                Runnable fwd;
                Runnable bwd = null;
                if (p == 0) {
                    fwd = work.prepared(op("conv2d", in, List.of(y)));
                    if (train) {
                        bwd = work.prepared(op("conv2d_bp", gradIn, gradOut));
                    }
                } else {
                    fwd = PointwiseConvolution.forward(CONV_ARGS, in, List.of(y), work, p == 2);
                    if (train) {
                        bwd = PointwiseConvolution.gradient(CONV_ARGS, gradIn, gradOut, false, work);
                    }
                }
                Runnable f = fwd;
                Runnable b = bwd;
                paths[p] = b == null ? f : () -> {
                    f.run();
                    b.run();
                };
                ys2[p] = y;
            }
            for (int p = 0; p < 3; p++) {
                paths[p].run();
                double diff = ys2[0].sub(ys2[p]).amaxNumber().doubleValue();
                if (diff > 1e-3 * Math.max(1, ys2[0].amaxNumber().doubleValue())) {
                    throw new IllegalStateException(l + ": the products differ from conv2d by " + diff);
                }
            }
            List<List<Double>> ms = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 3; k++) {
                    int p = (r + k) % 3;
                    paths[p].run();
                    long t = System.nanoTime();
                    for (int i = 0; i < iters; i++) {
                        paths[p].run();
                    }
                    ms.get(p).add((System.nanoTime() - t) / 1e6 / iters);
                }
            }
            return new double[] {median(ms.get(0)), median(ms.get(1)), median(ms.get(2))};
        }
    }

    private static DynamicCustomOp op(String name, List<INDArray> in, List<INDArray> out) {
        return DynamicCustomOp.builder(name).addInputs(in.toArray(INDArray[]::new))
                .addOutputs(out.toArray(INDArray[]::new)).addIntegerArguments(1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0).build();
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
