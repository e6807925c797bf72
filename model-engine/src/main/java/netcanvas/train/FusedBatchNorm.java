package netcanvas.train;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training-mode batch norm as two native ops, libnd4j's {@code moments} and {@code batchnorm}, with a gradient
 * written out by hand ({@link Forward#doDiff}). Built from elementary ops and differentiated by SameDiff, batch norm
 * cost about 60% of a ResNet training step (its broadcast multiply and divide gradients are slow in ND4J); with
 * libnd4j's {@code batchnorm_bp} as the gradient it still cost about 30%, as that op recomputes the batch-statistics
 * terms with slow broadcasts and reductions; the hand-written gradient sums per channel with matrix products instead.
 * Feature maps are N x H x W x C (see {@link SameDiffCompiler}).
 *
 * <p>Why custom op classes: nd4j 1.0.0-M2.1's own {@code BatchNorm.doDiff} cannot build its derivative ("Invalid axis
 * argument: axis must be specified"). SameDiff copies every op through FlatBuffers before differentiating and looks
 * the class up again by op name, so the classes here carry their own names and are registered with nd4j's class
 * holder; they run the native ops by overriding the op hash and descriptor.
 *
 * <p>The gradient is the full input gradient through the batch mean and variance
 * (dLdI = gamma * stdInv * (g - mean(g) - xhat * mean(g * xhat))), so the statistics op passes no gradient back.
 */
final class FusedBatchNorm {
    private static final String NORM = "netcanvas_batchnorm";
    private static final String MOMENTS = "netcanvas_moments";

    static {
        register("batchnorm", NORM, Forward.class);
        register("moments", MOMENTS, Moments.class);
        register("relu", Relu.NAME, Relu.class);
    }

    private FusedBatchNorm() {
    }

    /**
     * Normalises {@code x} (N x H x W x C, or N x C) over every axis but the channels (the last) with the batch's own
     * statistics.
     *
     * @return {@code [output, batch mean, biased batch variance]}, the statistics of shape [C]
     */
    static SDVariable[] training(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta, double eps,
            int[] statisticAxes, long spatial, String meanName, String varName) {
        SDVariable[] stats = new Moments(sd, x, statisticAxes).outputVariables();
        sd.renameVariable(stats[0].name(), meanName);
        sd.renameVariable(stats[1].name(), varName);
        SDVariable mean = sd.getVariable(meanName);
        SDVariable var = sd.getVariable(varName);
        SDVariable y = new Forward(sd, x, mean, var, gamma, beta, eps, statisticAxes.length + 1, spatial)
                .outputVariable();
        return new SDVariable[] {y, mean, var};
    }

    /** ReLU with the faster gradient (see {@link Relu}). */
    static SDVariable relu(SameDiff sd, String name, SDVariable x) {
        SDVariable y = new Relu(sd, x).outputVariable();
        sd.renameVariable(y.name(), name);
        return sd.getVariable(name);
    }

    private static long hash(String nativeOp) {
        return descriptor(nativeOp).getHash();
    }

    private static CustomOpDescriptor descriptor(String nativeOp) {
        return Nd4j.getExecutioner().getCustomOperations().get(nativeOp);
    }

    /**
     * Makes nd4j's class lookup (by native hash, then by name) find {@code cls} for {@code name}, keeping the
     * standard class for the native name. FlatBuffers writes hash 0 for names it does not know, so both keys.
     */
    @SuppressWarnings("unchecked")
    private static void register(String nativeOp, String name, Class<?> cls) {
        try {
            DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
            Field single = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClass");
            Field byName = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClasses");
            single.setAccessible(true);
            byName.setAccessible(true);
            Map<Long, Class<?>> one = (Map<Long, Class<?>>) single.get(holder);
            Map<Long, Map<String, Class<?>>> many = (Map<Long, Map<String, Class<?>>>) byName.get(holder);
            long h = hash(nativeOp);
            Map<String, Class<?>> names = many.computeIfAbsent(h, k -> new HashMap<>());
            if (one.containsKey(h)) {
                names.putIfAbsent(nativeOp, one.get(h));
            }
            names.put(name, cls);
            many.computeIfAbsent(0L, k -> new HashMap<>()).put(name, cls);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot register the fused batch-norm ops with nd4j " + e, e);
        }
    }

    /** An op that runs a native op under its own name; properties travel as integer and float arguments. */
    abstract static class Renamed extends DynamicCustomOp {
        Renamed() {
        }

        Renamed(SameDiff sd, SDVariable... inputs) {
            super(null, sd, inputs);
        }

        abstract String nativeName();

        @Override
        public long opHash() {
            return hash(nativeName());
        }

        @Override
        public CustomOpDescriptor getDescriptor() {
            return descriptor(nativeName());
        }

        /** One output of the first input's type, unless a subclass says otherwise. */
        @Override
        public int getNumOutputs() {
            return 1;
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> in) {
            return List.of(in.get(0));
        }

        @Override
        public Map<String, Object> propertiesForFunction() {
            return new HashMap<>();
        }

        @Override
        public void setPropertiesForFunction(Map<String, Object> properties) {
            // Nothing beyond the integer and float arguments, which FlatBuffers restores itself.
        }
    }

    /** {@code batchnorm} with gamma and beta on the last axis; inputs x, mean, variance, gamma, beta. */
    public static final class Forward extends Renamed {
        /** The input's rank (2 or 4) and the size of one channel's plane (H*W, 1 for [N, C]); properties, as
         *  SameDiff re-creates the op from FlatBuffers before differentiating it. */
        private long rank = -1;
        private long spatial = -1;

        public Forward() {
        }

        Forward(SameDiff sd, SDVariable x, SDVariable mean, SDVariable var, SDVariable gamma, SDVariable beta,
                double eps, long rank, long spatial) {
            super(sd, x, mean, var, gamma, beta);
            addIArgument(1, 1, rank - 1); // apply gamma, apply beta, channel axis (the last)
            addTArgument(eps);
            this.rank = rank;
            this.spatial = spatial;
        }

        @Override
        public Map<String, Object> propertiesForFunction() {
            Map<String, Object> p = new HashMap<>();
            p.put("rank", rank);
            p.put("spatial", spatial);
            return p;
        }

        @Override
        public void setPropertiesForFunction(Map<String, Object> properties) {
            if (properties.get("rank") instanceof Number r) {
                rank = r.longValue();
            }
            if (properties.get("spatial") instanceof Number s) {
                spatial = s.longValue();
            }
        }

        @Override
        String nativeName() {
            return "batchnorm";
        }

        @Override
        public String opName() {
            return NORM;
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> grads) {
            if (spatial < 1 || (rank != 2 && rank != 4)) {
                throw new IllegalStateException("batch norm lost its shape properties (rank " + rank + ", spatial "
                        + spatial + "): it cannot build its gradient");
            }
            return composite(grads.get(0));
        }

        /**
         * The input gradient written out, with every per-channel sum as a matrix product: libnd4j's reductions
         * over (N, H, W) and its {@code batchnorm_bp} (which recomputes the batch-statistics terms with several
         * broadcasts) took 1 ms and 7 ms on a 64x16x32x32 tensor here, a ones x [N*H*W, C] product 0.16 ms.
         * With M = N*H*W, k = gamma / sqrt(var + eps), SG = sum(g), SGX = sum(g * x):
         * dgamma = (SGX - mean * SG) / sqrt(var + eps), dbeta = SG, and
         * dx = k*g - k*SG/M - k/sqrt(var + eps) * dgamma/M * (x - mean), a per-channel affine map of g and x.
         */
        private List<SDVariable> composite(SDVariable g) {
            SDVariable[] in = args();
            SDVariable x = in[0];
            SDVariable mean = in[1];
            SDVariable var = in[2];
            SDVariable gamma = in[3];
            long c = gamma.getShape()[0];
            DataType type = x.dataType();
            SDVariable count = sameDiff.castTo(sameDiff.sizeAt(x, 0), type).mul((double) spatial);
            SDVariable ones = spatial == 1 ? null : onesRow(g, c);
            SDVariable sumG = perChannel(g, c, ones);
            SDVariable sumGX = perChannel(g.mul(x), c, ones);
            SDVariable invStd = sameDiff.math().rsqrt(var.add(tArgs()[0]));
            SDVariable dGamma = sumGX.sub(mean.mul(sumG)).mul(invStd);
            SDVariable k = gamma.mul(invStd);
            SDVariable c1 = k.mul(invStd).mul(dGamma).div(count).neg();
            SDVariable c0 = k.mul(sumG).div(count).add(c1.mul(mean)).neg();
            long[] channel = rank == 4 ? new long[] {1, 1, 1, c} : new long[] {1, c};
            SDVariable dx = g.mul(k.reshape(channel)).add(x.mul(c1.reshape(channel))).add(c0.reshape(channel));
            // The statistics' own gradients are zero: dx above already runs through them. Gamma's and beta's
            // gradients are copies: ND4J turns a weight's gradient into its update in place as soon as it exists,
            // which would change dGamma and sumG under the ops above that still read them.
            return List.of(dx, sameDiff.zerosLike(mean), sameDiff.zerosLike(var), dGamma.mul(1.0), sumG.mul(1.0));
        }

        /**
         * A [1, N*H*W] row of ones for t [N, H, W, C], built each step as the batch size may change: the ones of
         * one channel's column, N*H*W values, a C-th of t.
         */
        private SDVariable onesRow(SDVariable t, long c) {
            SDVariable column = t.reshape(-1, c).get(SDIndex.all(), SDIndex.point(0));
            return sameDiff.onesLike(column).reshape(1, -1);
        }

        /**
         * Sums t [N, H, W, C] (or [N, C]) over all axes but the channels, to [C]: as the product of a row of ones and
         * t seen as [N*H*W, C] (libnd4j's column reduction took 1.2 ms on 64x32x32x16 here, the product 0.16 ms).
         */
        private SDVariable perChannel(SDVariable t, long c, SDVariable ones) {
            if (ones == null) {
                return t.reshape(-1, c).sum(0);
            }
            return ones.mmul(t.reshape(-1, c)).reshape(c);
        }
    }

    /**
     * ReLU whose gradient is g * step(x) instead of nd4j's default {@code thresholdedrelu_bp} (3.5 ms on a
     * 64x16x32x32 tensor here; libnd4j's {@code relu_bp} 2.1 ms, the step and multiply 0.6 ms).
     */
    public static final class Relu extends Renamed {
        static final String NAME = "netcanvas_relu";

        public Relu() {
        }

        Relu(SameDiff sd, SDVariable x) {
            super(sd, x);
            addTArgument(0.0); // cut-off
        }

        @Override
        String nativeName() {
            return "relu";
        }

        @Override
        public String opName() {
            return NAME;
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> grads) {
            // g * (x > 0): a scalar step and a multiply measured 0.6 ms on a 64x16x32x32 tensor, relu_bp 2.1 ms.
            SDVariable positive = new Step(sameDiff, arg(), false, 0.0).outputVariable();
            return List.of(grads.get(0).mul(positive));
        }
    }

    /** {@code moments} (mean and biased variance over the given axes); no gradient flows back through it. */
    public static final class Moments extends Renamed {
        public Moments() {
        }

        Moments(SameDiff sd, SDVariable x, int... axes) {
            super(sd, x);
            addIArgument(axes);
            addTArgument(0.0); // keepDims false
        }

        @Override
        String nativeName() {
            return "moments";
        }

        @Override
        public String opName() {
            return MOMENTS;
        }

        @Override
        public int getNumOutputs() {
            return 2;
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> in) {
            return List.of(in.get(0), in.get(0));
        }

        /**
         * The same statistics as prepared native calls on fixed arrays, for {@link TrainingStep}: two passes with
         * each per-channel sum as ones x [N*H*W, C] (64x32x32x16 here: 0.70 ms, libnd4j's {@code moments} 1.66 ms;
         * 64x4x4x128: 0.12 against 0.22 ms).
         *
         * @param scratch an array of x's size and type to hold the deviations (shared: it is free between calls)
         * @return the calls, or null when the arrays do not suit them (then the op runs as itself)
         */
        Runnable kernel(INDArray x, INDArray mean, INDArray var, java.util.function.Function<long[], INDArray> scratch) {
            long c = mean.length();
            boolean lastAxis = Arrays.equals(iArgs(), x.rank() == 4 ? new long[] {0, 1, 2} : new long[] {0});
            if (!lastAxis || (x.rank() != 4 && x.rank() != 2) || x.size(x.rank() - 1) != c
                    || !TrainingStep.dense(x) || !TrainingStep.dense(mean) || !TrainingStep.dense(var)) {
                return null;
            }
            long m = x.length() / c;
            INDArray rows = x.reshape('c', m, c);
            INDArray ones = Nd4j.ones(x.dataType(), 1, m);
            INDArray deviation = scratch.apply(new long[] {m, c});
            DynamicCustomOp sum = call("matmul", new INDArray[] {ones, rows}, mean.reshape(1, c));
            DynamicCustomOp centre = call("subtract", new INDArray[] {rows, mean.reshape(1, c)}, deviation);
            DynamicCustomOp square = call("multiply", new INDArray[] {deviation, deviation}, deviation);
            DynamicCustomOp sumSquares = call("matmul", new INDArray[] {ones, deviation}, var.reshape(1, c));
            return () -> {
                Nd4j.exec(sum);
                mean.divi(m);
                Nd4j.exec(centre);
                Nd4j.exec(square);
                Nd4j.exec(sumSquares);
                var.divi(m);
            };
        }

        private static DynamicCustomOp call(String op, INDArray[] inputs, INDArray output) {
            return DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(output).build();
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> grads) {
            // SameDiff needs a gradient for x, but batchnorm_bp already holds the whole of it: one zero of x's rank,
            // which the sum of x's gradients broadcasts, instead of a tensor of zeros as large as x.
            long[] one = new long[iArguments.size() + 1];
            Arrays.fill(one, 1);
            return List.of(sameDiff.constant(Nd4j.zeros(arg().dataType(), one)));
        }
    }
}
