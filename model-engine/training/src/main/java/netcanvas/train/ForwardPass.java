package netcanvas.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.graph.Shape;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.random.custom.DistributionUniform;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's inference graph run the way {@link TrainingStep} runs the gradient graph: operation by operation into
 * arrays planned once per batch size ({@link ExecutionOrder}, {@link Liveness}, {@link ArrayPool}, {@link BoundOp}),
 * instead of through SameDiff's session, which looks up, allocates and schedules on every operation of every call.
 * Everything that infers goes through it: {@code run}, the Run panel ({@link Predictor}), imported models
 * ({@link InferenceNet}), the accuracy after each epoch ({@link Evaluation}) and {@code bench inference}.
 *
 * <p>The weights are read once, when the pass is built ({@link InferencePrelude}): the operations that depend on
 * weights alone (batch norm's scale and shift, reshaped and dilated kernels) are computed then, and a batch norm
 * right after a convolution is folded into its weights and bias. Build a new pass after changing the weights.
 *
 * <p>Not thread-safe beyond its own methods, which are synchronized: the arrays a call returns are this pass's own
 * and the next call overwrites them.
 */
public final class ForwardPass implements AutoCloseable {
    /** Plans kept at once, by batch size: {@code run} on a .npy file alternates a full and a last chunk. */
    private static final int PLANS_KEPT = 2;

    private final CompiledNet net;
    private final Set<String> outputs;
    private final InferencePrelude prelude;
    /** Whether pointwise convolutions run as matrix products ({@link PointwiseConvolution}). */
    private final boolean products;
    private final Map<Integer, InferencePlan> plans = new LinkedHashMap<>(4, 0.75f, true);
    /** Shapes at batch 2, measured once when a plan for a batch above 1 is first wanted. */
    private Map<String, ArraySpec> shapesAtTwo;

    /**
     * @param net     a network compiled for inference, with the weights it is to run with
     * @param outputs the values each call returns ({@link CompiledNet#LOGITS}, {@link CompiledNet#PROBABILITIES})
     */
    public ForwardPass(CompiledNet net, Collection<String> outputs) {
        this(net, outputs, true);
    }

    /** As above; without {@code fold}, batch norm stays two passes after its convolution (for measurements). */
    ForwardPass(CompiledNet net, Collection<String> outputs, boolean fold) {
        this(net, outputs, fold, true);
    }

    /** As above; without {@code products}, pointwise convolutions run as libnd4j's conv2d (for measurements). */
    ForwardPass(CompiledNet net, Collection<String> outputs, boolean fold, boolean products) {
        this.net = net;
        this.products = products;
        this.outputs = Set.copyOf(outputs);
        this.prelude = new InferencePrelude(net.sd(), this.outputs, input(1), fold);
    }

    /** The logits of a network with its current weights, by a pass built for the call (tests, one-off uses). */
    public static float[][] logits(CompiledNet net, float[] nchw, int n) {
        checkLength(net.inputShape(), nchw, n);
        try (ForwardPass p = new ForwardPass(net, List.of(CompiledNet.LOGITS))) {
            return p.logits(nchw, n);
        }
    }

    public Shape inputShape() {
        return net.inputShape();
    }

    /** How many batch norms were folded into the convolution before them. */
    public int foldedBatchNorms() {
        return prelude.folds().size();
    }

    /**
     * The outputs for a batch of N x C x H x W values, by name: this pass's arrays, overwritten by the next call.
     *
     * @throws IllegalArgumentException naming the expected shape when the input does not fit the network
     */
    public synchronized Map<String, INDArray> run(INDArray nchw) {
        long[] s = net.inputShape().dims();
        if (nchw.rank() != 4 || nchw.size(1) != s[0] || nchw.size(2) != s[1] || nchw.size(3) != s[2]
                || nchw.size(0) < 1) {
            throw new IllegalArgumentException("the input is " + java.util.Arrays.toString(nchw.shape())
                    + " but the network takes N x " + net.inputShape() + " (N samples, channels, height, width)");
        }
        return plan(Math.toIntExact(nchw.size(0))).run(nchw);
    }

    /**
     * The logits (class scores before softmax) of {@code n} samples given as raw N x C x H x W float32 values,
     * row-major, fed to the network as they are (no normalisation).
     *
     * @return n rows of {@link CompiledNet#classes()} values
     */
    public synchronized float[][] logits(float[] nchw, int n) {
        Shape in = net.inputShape();
        checkLength(in, nchw, n);
        INDArray x = Nd4j.create(nchw, new long[] {n, in.channels(), in.height(), in.width()}, 'c');
        INDArray out = run(x).get(CompiledNet.LOGITS);
        if (out == null) {
            throw new IllegalStateException("this pass was not built for the logits");
        }
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = out.getRow(i).dup().toFloatVector();
        }
        return rows;
    }

    private static void checkLength(Shape in, float[] nchw, int n) {
        if (n < 1 || (long) n * in.elements() != nchw.length) {
            throw new IllegalArgumentException(nchw.length + " values are not " + n + " samples of " + in);
        }
    }

    /**
     * Runs one ordinary pass (which plans this batch size), then {@code passes} more, timing each operation.
     *
     * @return milliseconds per pass by operation name, largest first
     */
    public synchronized Map<String, Double> profile(INDArray nchw, int passes) {
        run(nchw);
        return plan(Math.toIntExact(nchw.size(0))).profile(nchw, passes);
    }

    /** The plan for this batch size, made on first use; the least recently used beyond {@link #PLANS_KEPT} closed. */
    private InferencePlan plan(int batch) {
        InferencePlan p = plans.get(batch);
        if (p != null) {
            return p;
        }
        long[] s = net.inputShape().dims();
        p = new InferencePlan(net.sd(), prelude, outputs, shapes(batch),
                new ArraySpec(inputType(), new long[] {batch, s[0], s[1], s[2]}), products);
        plans.put(batch, p);
        if (plans.size() > PLANS_KEPT) {
            var eldest = plans.entrySet().iterator().next();
            eldest.getValue().close();
            plans.remove(eldest.getKey());
        }
        return p;
    }

    /**
     * Every computed value's shape at this batch size. Measured by SameDiff at batch 1 (and 2) rather than at the
     * batch itself, where its session would hold every value of a large batch at once: a size that doubles from
     * batch 1 to 2 is proportional to the batch, one that stays is fixed; anything else is measured at the batch.
     */
    private Map<String, ArraySpec> shapes(int batch) {
        Map<String, ArraySpec> one = prelude.shapesAtOne();
        if (batch == 1) {
            return one;
        }
        if (shapesAtTwo == null) {
            shapesAtTwo = InferencePrelude.shapes(net.sd(), prelude.produced(), input(2));
        }
        Map<String, ArraySpec> at = new HashMap<>();
        for (var e : one.entrySet()) {
            long[] a = e.getValue().shape();
            ArraySpec two = shapesAtTwo.get(e.getKey());
            long[] b = two == null ? null : two.shape();
            if (b == null || b.length != a.length) {
                return InferencePrelude.shapes(net.sd(), prelude.produced(), input(batch));
            }
            long[] s = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                if (b[i] == a[i]) {
                    s[i] = a[i];
                } else if (b[i] == 2 * a[i]) {
                    s[i] = a[i] * batch;
                } else {
                    return InferencePrelude.shapes(net.sd(), prelude.produced(), input(batch));
                }
            }
            at.put(e.getKey(), new ArraySpec(e.getValue().type(), s));
        }
        return at;
    }

    /** Zeros of the input's shape at this batch size (values do not matter to shapes). */
    private Map<String, INDArray> input(int batch) {
        long[] s = net.inputShape().dims();
        return Map.of(CompiledNet.INPUT, Nd4j.zeros(inputType(), batch, s[0], s[1], s[2]));
    }

    private DataType inputType() {
        return net.sd().getVariable(CompiledNet.INPUT).dataType();
    }

    @Override
    public synchronized void close() {
        plans.values().forEach(InferencePlan::close);
        plans.clear();
        prelude.close();
    }

    /** Whether an operation draws random numbers (dropout's mask in a training graph): never precomputed. */
    static boolean random(SameDiffOp op) {
        return op.getOp() instanceof RandomOp || op.getOp() instanceof DistributionUniform;
    }

    /** A weight's or constant's array in the network's graph; null for values that are computed. */
    static INDArray fixedArray(SameDiff sd, String name) {
        VariableType t = sd.getVariable(name).getVariableType();
        return t == VariableType.VARIABLE || t == VariableType.CONSTANT ? sd.getArrForVarName(name) : null;
    }

    /** The operations, in execution order, that produce the wanted outputs. */
    static List<SameDiffOp> order(SameDiff sd, Set<String> outputs) {
        for (String o : outputs) {
            if (!sd.hasVariable(o)) {
                throw new IllegalArgumentException("'" + o + "' is not a value of the network");
            }
        }
        return new ArrayList<>(ExecutionOrder.of(sd, outputs));
    }
}
