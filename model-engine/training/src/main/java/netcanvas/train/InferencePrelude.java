package netcanvas.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;

/**
 * What a {@link ForwardPass} works out once from the weights, before any batch: the operations that read weights and
 * constants alone (batch norm's scale and shift, a depthwise or dilated kernel's reshaping), whose values SameDiff
 * computes once here instead of on every call; the operations left to run per call; and the batch norms folded into
 * the convolution before them.
 *
 * <p>Batch norm in inference is y = x * scale + shift per channel (as {@link SameDiffCompiler} lowers it, and as
 * PyTorch's CPU kernel computes it). After a convolution whose output nothing else reads, conv(x, W) * scale + shift
 * is conv(x, W * scale) with bias b * scale + shift, within float rounding: the two passes over the feature map
 * disappear.
 */
final class InferencePrelude implements AutoCloseable {

    /** A convolution with the batch norm after it folded in: the multiply and add become views of its output. */
    record Fold(SameDiffOp conv, SameDiffOp mul, SameDiffOp add, INDArray weights, INDArray bias) {
    }

    private final SameDiff sd;
    private final List<SameDiffOp> body = new ArrayList<>();
    private final List<String> produced = new ArrayList<>();
    /** Values of the operations on weights alone, copied out of SameDiff's session. */
    private final Map<String, INDArray> values = new HashMap<>();
    private final Map<String, ArraySpec> shapesAtOne;
    /** By the convolution's operation name. */
    private final Map<String, Fold> folds = new HashMap<>();
    /** The folded multiply's and add's operation names to the input their output is a view of. */
    private final Map<String, String> foldedViews = new HashMap<>();

    /**
     * @param outputs the values wanted at the end of each call
     * @param atOne   the placeholders for one sample (values are not read)
     * @param fold    whether to fold batch norms into convolutions
     */
    InferencePrelude(SameDiff sd, Set<String> outputs, Map<String, INDArray> atOne, boolean fold) {
        this.sd = sd;
        List<SameDiffOp> order = ForwardPass.order(sd, outputs);
        Set<String> fixedValues = new HashSet<>();
        List<SameDiffOp> fixedOps = new ArrayList<>();
        for (SameDiffOp op : order) {
            produced.addAll(op.getOutputsOfOp());
            boolean fixed = !ForwardPass.random(op);
            for (String in : ExecutionOrder.inputs(op)) {
                fixed &= fixedValues.contains(in) || ForwardPass.fixedArray(sd, in) != null;
            }
            if (fixed) {
                fixedOps.add(op);
                fixedValues.addAll(op.getOutputsOfOp());
            } else {
                body.add(op);
            }
        }
        Map<String, INDArray> session = sd.output(atOne, produced);
        Map<String, ArraySpec> shapes = new HashMap<>();
        for (var e : session.entrySet()) {
            shapes.put(e.getKey(), new ArraySpec(e.getValue().dataType(), e.getValue().shape()));
        }
        for (SameDiffOp op : fixedOps) {
            for (String out : op.getOutputsOfOp()) {
                values.put(out, session.get(out).dup('c'));
            }
        }
        release(sd, session, atOne);
        this.shapesAtOne = Map.copyOf(shapes);
        if (fold) {
            findFolds(outputs);
        }
    }

    /** The operations each call runs, in execution order (the folded multiplies and adds among them, as views). */
    List<SameDiffOp> body() {
        return body;
    }

    /** Every value the wanted outputs need, weights-only ones included: what a shape pass asks SameDiff for. */
    List<String> produced() {
        return produced;
    }

    Map<String, ArraySpec> shapesAtOne() {
        return shapesAtOne;
    }

    /** A weight's, constant's or precomputed value's array; null for values computed per call. */
    INDArray fixed(String name) {
        INDArray v = values.get(name);
        return v != null ? v : ForwardPass.fixedArray(sd, name);
    }

    /** The fold whose convolution this operation is, or null. */
    Fold fold(SameDiffOp op) {
        return folds.get(op.getName());
    }

    Map<String, Fold> folds() {
        return folds;
    }

    /** For a folded multiply or add: the input its output is a view of; else null. */
    String foldedView(SameDiffOp op) {
        return foldedViews.get(op.getName());
    }

    /**
     * Every value's type and shape for these placeholders, by one pass of SameDiff's own session (which holds every
     * value at once: used at batches 1 and 2, see {@link ForwardPass}).
     */
    static Map<String, ArraySpec> shapes(SameDiff sd, List<String> produced, Map<String, INDArray> placeholders) {
        Map<String, INDArray> session = sd.output(placeholders, produced);
        Map<String, ArraySpec> shapes = new HashMap<>();
        for (var e : session.entrySet()) {
            shapes.put(e.getKey(), new ArraySpec(e.getValue().dataType(), e.getValue().shape()));
        }
        release(sd, session, placeholders);
        return shapes;
    }

    /** Closes the session's arrays, except the placeholders and the graph's own weights and constants. */
    private static void release(SameDiff sd, Map<String, INDArray> session, Map<String, INDArray> placeholders) {
        Set<INDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(placeholders.values());
        for (SDVariable v : sd.variables()) {
            INDArray a = ForwardPass.fixedArray(sd, v.name());
            if (a != null) {
                kept.add(a);
            }
        }
        for (INDArray v : session.values()) {
            if (!kept.contains(v) && v.closeable()) {
                kept.add(v); // closed once
                v.close();
            }
        }
    }

    /** Convolution, multiply by a per-channel scale, add a per-channel shift, each read only by the next. */
    private void findFolds(Set<String> outputs) {
        Map<String, List<SameDiffOp>> readers = new HashMap<>();
        for (SameDiffOp op : body) {
            for (String in : ExecutionOrder.inputs(op)) {
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(op);
            }
        }
        for (SameDiffOp conv : body) {
            boolean depthwise = conv.getOp() instanceof DepthwiseConv2D;
            if (!(conv.getOp() instanceof Conv2D) && !depthwise) {
                continue;
            }
            List<String> ins = conv.getInputsToOp();
            INDArray w = ins.size() >= 2 ? fixed(ins.get(1)) : null;
            INDArray b = ins.size() == 3 ? fixed(ins.get(2)) : null;
            if (w == null || w.rank() != 4 || (ins.size() == 3 && b == null) || ins.size() > 3) {
                continue;
            }
            String out = conv.getOutputsOfOp().get(0);
            SameDiffOp mul = onlyReader(readers, outputs, out, MulOp.class);
            INDArray scale = mul == null ? null : other(mul, out);
            String mulOut = mul == null ? null : mul.getOutputsOfOp().get(0);
            SameDiffOp add = mul == null ? null : onlyReader(readers, outputs, mulOut, AddOp.class);
            INDArray shift = add == null ? null : other(add, mulOut);
            if (shift == null || scale == null) {
                continue;
            }
            long[] y = shapesAtOne.get(out).shape();
            long channels = y[y.length - 1];
            long kernelChannels = depthwise ? w.size(2) * w.size(3) : w.size(3);
            if (kernelChannels != channels || !perChannel(scale, channels) || !perChannel(shift, channels)
                    || !sameShape(out, mulOut, add.getOutputsOfOp().get(0))
                    || (b != null && b.length() != channels)) {
                continue;
            }
            // Output channel o is the fastest-moving index of the kernel's last axes ([kH, kW, I, O], or a depthwise
            // [kH, kW, C, multiplier] with o = c * multiplier + j): each row of [kH*kW*I, O] scales by scale[o].
            INDArray s = scale.reshape(1, channels).dup('c');
            INDArray t = shift.reshape(channels).dup('c');
            INDArray weights = w.dup('c').reshape(w.length() / channels, channels).mulRowVector(s);
            INDArray bias = b == null ? t : b.reshape(channels).mul(s.reshape(channels)).addi(t);
            folds.put(conv.getName(), new Fold(conv, mul, add, weights.reshape('c', w.shape()).dup('c'),
                    bias.castTo(w.dataType()).dup('c')));
            foldedViews.put(mul.getName(), out);
            foldedViews.put(add.getName(), mulOut);
        }
    }

    /** The one operation reading this value, when it is of this class and the value is not a wanted output. */
    private static SameDiffOp onlyReader(Map<String, List<SameDiffOp>> readers, Set<String> outputs, String value,
            Class<?> type) {
        List<SameDiffOp> r = readers.getOrDefault(value, List.of());
        return r.size() == 1 && type.isInstance(r.get(0).getOp()) && !outputs.contains(value)
                && r.get(0).getInputsToOp().size() == 2 && r.get(0).getOutputsOfOp().size() == 1 ? r.get(0) : null;
    }

    /** A two-input operation's fixed operand besides {@code value}, or null. */
    private INDArray other(SameDiffOp op, String value) {
        List<String> ins = op.getInputsToOp();
        int i = ins.indexOf(value);
        if (i < 0 || ins.lastIndexOf(value) != i) {
            return null;
        }
        return fixed(ins.get(1 - i));
    }

    /** Whether an array holds one value per channel, on its last axis ([C], [1, C], [1, 1, 1, C]). */
    private static boolean perChannel(INDArray a, long channels) {
        return a.length() == channels && a.size(a.rank() - 1) == channels;
    }

    private boolean sameShape(String... names) {
        String key = null;
        for (String n : names) {
            ArraySpec s = shapesAtOne.get(n);
            if (s == null || (key != null && !key.equals(s.key()))) {
                return false;
            }
            key = s.key();
        }
        return true;
    }

    @Override
    public void close() {
        for (INDArray a : values.values()) {
            if (a.closeable()) {
                a.close();
            }
        }
        for (Fold f : folds.values()) {
            for (INDArray a : List.of(f.weights(), f.bias())) {
                if (a.closeable()) {
                    a.close();
                }
            }
        }
    }
}
