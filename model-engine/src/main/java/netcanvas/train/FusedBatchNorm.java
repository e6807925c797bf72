package netcanvas.train;

import static netcanvas.train.TrainingStep.allDense;
import static netcanvas.train.TrainingStep.view;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Training-mode batch norm as native ops, libnd4j's {@code moments} and {@code batchnorm} with {@code batchnorm_bp}
 * as the gradient, and faster equivalents of the statistics and the gradient for {@link TrainingStep}
 * ({@link Moments#kernel}, {@link Backward#kernel}). Built from elementary ops and differentiated by SameDiff, batch
 * norm cost about 60% of a ResNet training step (its broadcast multiply and divide gradients are slow in ND4J); with
 * the native ops alone, about 30%, as {@code batchnorm_bp} recomputes the batch-statistics terms with slow broadcasts
 * and reductions; the kernels sum per channel with matrix products instead. Feature maps are N x H x W x C (see
 * {@link SameDiffCompiler}).
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
    private static final String BACKWARD = "netcanvas_batchnorm_bp";

    static {
        register("batchnorm", NORM, Forward.class);
        register("moments", MOMENTS, Moments.class);
        register("batchnorm_bp", BACKWARD, Backward.class);
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
            int[] statisticAxes, String meanName, String varName) {
        SDVariable[] stats = new Moments(sd, x, statisticAxes).outputVariables();
        sd.renameVariable(stats[0].name(), meanName);
        sd.renameVariable(stats[1].name(), varName);
        SDVariable mean = sd.getVariable(meanName);
        SDVariable var = sd.getVariable(varName);
        SDVariable y = new Forward(sd, x, mean, var, gamma, beta, eps, statisticAxes.length + 1).outputVariable();
        return new SDVariable[] {y, mean, var};
    }

    /** ReLU with the faster gradient (see {@link Relu}). */
    static SDVariable relu(SameDiff sd, String name, SDVariable x) {
        SDVariable y = new Relu(sd, x).outputVariable();
        sd.renameVariable(y.name(), name);
        return sd.getVariable(name);
    }

    /** A native op on fixed arrays, prepared once and run each step. */
    private static DynamicCustomOp call(String op, INDArray[] inputs, INDArray output) {
        return DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(output).build();
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
        public Forward() {
        }

        Forward(SameDiff sd, SDVariable x, SDVariable mean, SDVariable var, SDVariable gamma, SDVariable beta,
                double eps, long rank) {
            super(sd, x, mean, var, gamma, beta);
            addIArgument(1, 1, rank - 1); // apply gamma, apply beta, channel axis (the last)
            addTArgument(eps);
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
            // The integer and float arguments survive SameDiff's FlatBuffers copy; the gradient needs nothing more.
            SDVariable[] in = args();
            return List.of(new Backward(sameDiff, in[0], in[1], in[2], in[3], in[4], grads.get(0), iArgs(), tArgs())
                    .outputVariables());
        }
    }

    /**
     * The gradient of {@link Forward}: libnd4j's {@code batchnorm_bp} (inputs x, mean, variance, gamma, beta and the
     * output gradient; outputs the gradients of x, mean, variance, gamma and beta), whose input gradient runs through
     * the batch mean and variance. SameDiff runs the native op (when it works out shapes, and in {@code fit}); the
     * training step runs {@link #kernel} instead, as that op recomputes the statistics terms with slow broadcasts and
     * reductions (7.4 ms on a 64x16x32x32 tensor here).
     */
    public static final class Backward extends Renamed {
        public Backward() {
        }

        Backward(SameDiff sd, SDVariable x, SDVariable mean, SDVariable var, SDVariable gamma, SDVariable beta,
                SDVariable gradient, long[] iArgs, double[] tArgs) {
            super(sd, x, mean, var, gamma, beta, gradient);
            addIArgument(iArgs);
            addTArgument(tArgs);
        }

        @Override
        String nativeName() {
            return "batchnorm_bp";
        }

        @Override
        public String opName() {
            return BACKWARD;
        }

        @Override
        public int getNumOutputs() {
            return 5;
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> in) {
            return List.of(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4));
        }

        /**
         * The same gradient as prepared native calls for {@link TrainingStep}. With M = N*H*W values per channel,
         * s = 1/sqrt(var + eps), k = gamma*s, SG = sum(g) and SGX = sum(g*x) per channel (each a ones x [M, C]
         * product: libnd4j's column reductions took 1.2 ms on 64x32x32x16 here, the product 0.16 ms):
         * dbeta = SG, dgamma = (SGX - mean*SG)*s and dx = k*g - k*dgamma/M * (x - mean)*s - k*SG/M. Both terms of dx
         * are libnd4j's fast per-channel {@code batchnorm}, (v - m)*s'*gamma' + beta': k*g with m = 0 and the real
         * variance and gamma, the rest with the real mean and variance, gamma' = -k*dgamma/M and beta' = -k*SG/M.
         * The per-channel coefficients are worked out here in Java: C values, where a dozen native calls on [C]
         * arrays took longer than their arithmetic.
         *
         * @return the calls, or null when the arrays do not suit them (then the native op runs)
         */
        Runnable kernel(List<INDArray> in, List<INDArray> out, Workspace work) {
            INDArray x = in.get(0);
            INDArray mean = in.get(1);
            INDArray var = in.get(2);
            INDArray gamma = in.get(3);
            INDArray g = in.get(5);
            INDArray dx = out.get(0);
            INDArray dGamma = out.get(3);
            INDArray dBeta = out.get(4);
            int rank = x.rank();
            long c = mean.length();
            if (!Arrays.equals(iArgs(), new long[] {1, 1, rank - 1}) || (rank != 2 && rank != 4)
                    || x.size(rank - 1) != c || x.dataType() != DataType.FLOAT
                    || !Arrays.equals(x.shape(), g.shape()) || !Arrays.equals(x.shape(), dx.shape())
                    || gamma.length() != c || dGamma.length() != c || dBeta.length() != c
                    || !allDense(x, g, dx, mean, var, gamma, dGamma, dBeta)) {
                return null;
            }
            long m = x.length() / c;
            double eps = tArgs()[0];
            INDArray xRows = view(x, m, c);
            INDArray gRows = view(g, m, c);
            INDArray dxRows = view(dx, m, c);
            INDArray ones = work.row(m, 1);
            INDArray product = work.scratch(new long[] {m, c});
            INDArray sumGX = Nd4j.create(DataType.FLOAT, 1, c);
            INDArray zero = Nd4j.zeros(DataType.FLOAT, c);
            INDArray scaleX = Nd4j.create(DataType.FLOAT, c);
            INDArray shiftX = Nd4j.create(DataType.FLOAT, c);
            Runnable sumG = work.prepared(call("matmul", new INDArray[] {ones, gRows}, view(dBeta, 1, c)));
            Runnable times = work.prepared(call("multiply", new INDArray[] {gRows, xRows}, product));
            Runnable sumProduct = work.prepared(call("matmul", new INDArray[] {ones, product}, sumGX));
            // batchnorm runs on oneDNN for rank 4 only (on [M, C]: 2.9 ms, on [M, 1, 1, C]: 0.21 ms here).
            long[] planes = {m, 1, 1, c};
            DynamicCustomOp gTerm = call("batchnorm", new INDArray[] {view(g, planes), zero, var, gamma, zero},
                    view(dx, planes));
            DynamicCustomOp xTerm = call("batchnorm",
                    new INDArray[] {view(x, planes), mean, var, scaleX, shiftX}, view(product, planes));
            for (DynamicCustomOp norm : List.of(gTerm, xTerm)) {
                norm.addIArgument(1, 1, 3); // apply gamma, apply beta, channel axis
                norm.addTArgument(eps);
            }
            Runnable gPart = work.prepared(gTerm);
            Runnable xPart = work.prepared(xTerm);
            Runnable sum = work.prepared(call("add", new INDArray[] {dxRows, product}, dxRows));
            return () -> {
                sumG.run();
                times.run();
                sumProduct.run();
                for (int i = 0; i < c; i++) {
                    double s = 1 / Math.sqrt(var.getDouble(i) + eps);
                    double sg = dBeta.getDouble(i);
                    double dg = (sumGX.getDouble(0, i) - mean.getDouble(i) * sg) * s;
                    double k = gamma.getDouble(i) * s;
                    dGamma.putScalar(i, dg);
                    scaleX.putScalar(i, -k * dg / m);
                    shiftX.putScalar(i, -k * sg / m);
                }
                gPart.run();
                xPart.run();
                sum.run();
            };
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
         * each per-channel mean as a row of 1/(N*H*W) x [N*H*W, C] (64x32x32x16 here: 0.70 ms, libnd4j's
         * {@code moments} 1.66 ms; 64x4x4x128: 0.12 against 0.22 ms), the squared deviations in one broadcast
         * {@code squaredsubtract} (0.15 ms, a subtract and a multiply 0.22 ms).
         *
         * @return the calls, or null when the arrays do not suit them (then the op runs as itself)
         */
        Runnable kernel(INDArray x, INDArray mean, INDArray var, Workspace work) {
            long c = mean.length();
            boolean lastAxis = Arrays.equals(iArgs(), x.rank() == 4 ? new long[] {0, 1, 2} : new long[] {0});
            if (!lastAxis || (x.rank() != 4 && x.rank() != 2) || x.size(x.rank() - 1) != c
                    || !allDense(x, mean, var)) {
                return null;
            }
            long m = x.length() / c;
            INDArray rows = view(x, m, c);
            // A row of 1/m: the products are the means themselves.
            INDArray average = work.row(m, 1.0 / m);
            INDArray deviation = work.scratch(new long[] {m, c});
            Runnable means = work.prepared(call("matmul", new INDArray[] {average, rows}, view(mean, 1, c)));
            Runnable squares = work.prepared(
                    call("squaredsubtract", new INDArray[] {rows, view(mean, 1, c)}, deviation));
            Runnable variances = work.prepared(call("matmul", new INDArray[] {average, deviation}, view(var, 1, c)));
            return () -> {
                means.run();
                squares.run();
                variances.run();
            };
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
