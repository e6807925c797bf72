package netcanvas.train;

import java.lang.reflect.Field;
import java.util.ArrayList;
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
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training-mode batch norm as two native ops, libnd4j's {@code moments} and {@code batchnorm}, with
 * {@code batchnorm_bp} as the gradient. Written out from elementary ops instead, batch norm cost about 60% of a
 * ResNet training step (its broadcast multiply and divide gradients are slow in ND4J); fused, the step is about twice
 * as fast.
 *
 * <p>Why custom op classes: nd4j 1.0.0-M2.1's own {@code BatchNorm.doDiff} cannot build its derivative ("Invalid axis
 * argument: axis must be specified"). SameDiff copies every op through FlatBuffers before differentiating and looks
 * the class up again by op name, so the classes here carry their own names and are registered with nd4j's class
 * holder; they run the native ops by overriding the op hash and descriptor.
 *
 * <p>The gradient is right because {@code batchnorm_bp} returns the full input gradient, through the batch mean and
 * variance (dLdI = gamma * stdInv * (g - mean(g) - xhat * mean(g * xhat))), and zeros for the mean and variance
 * inputs. The statistics op therefore passes no gradient back (it would only add zeros).
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
     * Normalises {@code x} over every axis but the channels (axis 1) with the batch's own statistics.
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
        SDVariable y = new Forward(sd, x, mean, var, gamma, beta, eps).outputVariable();
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

    /** {@code batchnorm} with gamma and beta on axis 1; inputs x, mean, variance, gamma, beta. */
    public static final class Forward extends Renamed {
        public Forward() {
        }

        Forward(SameDiff sd, SDVariable x, SDVariable mean, SDVariable var, SDVariable gamma, SDVariable beta,
                double eps) {
            super(sd, x, mean, var, gamma, beta);
            addIArgument(1, 1, 1); // apply gamma, apply beta, channel axis
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
            SDVariable[] args = args();
            SDVariable[] in = Arrays.copyOf(args, args.length + 1);
            in[args.length] = grads.get(0);
            return Arrays.asList(new Backward(sameDiff, in, iArgs(), tArgs()).outputVariables());
        }
    }

    /** {@code batchnorm_bp}: inputs as the forward op plus the output gradient; one gradient per forward input. */
    public static final class Backward extends DynamicCustomOp {
        public Backward() {
        }

        Backward(SameDiff sd, SDVariable[] in, long[] iArgs, double[] tArgs) {
            super(null, sd, in);
            addIArgument(iArgs);
            addTArgument(tArgs);
        }

        @Override
        public String opName() {
            return "batchnorm_bp";
        }

        @Override
        public int getNumOutputs() {
            return args().length - 1;
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> in) {
            return new ArrayList<>(in.subList(0, in.size() - 1));
        }
    }

    /**
     * ReLU whose gradient is libnd4j's {@code relu_bp} (a vectorised pairwise transform) instead of nd4j's default
     * {@code thresholdedrelu_bp}, which measured several times slower than the forward op on the same tensor.
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
            return List.of(new RectifiedLinearDerivative(sameDiff, arg(), grads.get(0)).outputVariable());
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

        @Override
        public List<SDVariable> doDiff(List<SDVariable> grads) {
            // SameDiff needs a gradient for x; batchnorm_bp already holds the whole of it.
            return List.of(sameDiff.zerosLike(arg()));
        }
    }
}
